// Under each counted field of the editor: "42 dari 255 karakter", updated as the editor types.
(function () {
  function attach(input) {
    if (input.dataset.wartaCounted) return;
    input.dataset.wartaCounted = "1";
    var limit = parseInt(input.dataset.wartaCount, 10);
    var note = document.createElement("p");
    note.className = "w-field__help warta-count";
    note.setAttribute("aria-live", "polite");
    note.dataset.wartaCountFor = input.name;
    input.insertAdjacentElement("afterend", note);
    function update() {
      var length = input.value.length;
      note.textContent = input.dataset.wartaCountText
        .replace("%(count)s", length)
        .replace("%(limit)s", limit);
      note.classList.toggle("warta-count--full", length >= limit);
      note.style.color = length >= limit ? "#cd4444" : "";
    }
    input.addEventListener("input", update);
    update();
  }
  function attachAll() {
    document.querySelectorAll("[data-warta-count]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
