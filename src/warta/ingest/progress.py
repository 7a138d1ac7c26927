"""A progress bar for `warta ingest`, drawn only when the output is a terminal."""


class ProgressBar:
    width = 30

    def __init__(self, stream):
        self.stream = stream
        self.label = ""
        self.total = 0
        self.done = 0

    def start(self, source, total):
        self.label, self.total, self.done = str(source), total, 0
        self.draw()

    def advance(self):
        self.done += 1
        self.draw()
        if self.done == self.total:
            self.stream.write("\n")

    def draw(self):
        filled = self.width * self.done // max(self.total, 1)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r{self.label[:30]:<30} [{bar}] {self.done}/{self.total}")
        self.stream.flush()
