// Copy-link button of the share bar: copies the page URL and says so in the toast.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    var field = document.createElement("textarea");
    field.value = text;
    field.setAttribute("readonly", "");
    field.style.position = "fixed";
    field.style.opacity = "0";
    document.body.appendChild(field);
    field.select();
    var copied = document.execCommand("copy");
    document.body.removeChild(field);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-copy-url]");
    if (!button) return;
    var toast = button.closest("[data-share]").querySelector("[data-copy-toast]");
    copyText(button.getAttribute("data-copy-url")).then(function () {
      toast.textContent = toast.getAttribute("data-message");
      toast.classList.add("share__toast--visible");
      clearTimeout(toast._hide);
      toast._hide = setTimeout(function () {
        toast.classList.remove("share__toast--visible");
      }, 3000);
    });
  });
})();
