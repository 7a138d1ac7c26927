"""Write the read API's OpenAPI document, as the API serves it at /api/v1/openapi.json."""

from django.core.management.base import BaseCommand

from warta.api.openapi import dumps, openapi_document


class Command(BaseCommand):
    help = "Print the read API's OpenAPI 3 document (commit it as docs/api/openapi.json)."

    def add_arguments(self, parser):
        parser.add_argument("--output", help="write to this file instead of standard output")

    def handle(self, *args, output=None, **options):
        text = dumps(openapi_document())
        if output:
            with open(output, "w", encoding="utf-8") as file:
                file.write(text)
            self.stdout.write(f"Wrote {output}")
        else:
            self.stdout.write(text, ending="")
