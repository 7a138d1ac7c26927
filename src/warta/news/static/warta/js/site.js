// Warta's only script (deferred, no framework): copy link, section menu, view beacon.
(function () {
  "use strict";

  // Copy-link button of the share bar: copies the page URL and says so in the toast.
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

  // Section menu on narrow screens: the button (hidden until this runs) opens every section.
  var toggle = document.querySelector("[data-menu-toggle]");
  if (toggle) {
    var menu = document.getElementById(toggle.getAttribute("aria-controls"));
    var setOpen = function (open) {
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      menu.classList.toggle("site-nav--open", open);
    };
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      setOpen(toggle.getAttribute("aria-expanded") !== "true");
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        setOpen(false);
        toggle.focus();
      }
    });
  }

  // Count a view of this article once the page has loaded; the page itself stays cacheable.
  var beacon = document.body.getAttribute("data-dibaca");
  if (beacon) {
    window.addEventListener("load", function () {
      if (!(navigator.sendBeacon && navigator.sendBeacon(beacon))) {
        fetch(beacon, { method: "POST", keepalive: true, credentials: "omit" }).catch(function () {});
      }
    });
  }
})();
