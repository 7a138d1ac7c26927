// The article editor's search-result preview, redrawn as the editor types. The cuts match
// src/warta/newsroom/search_preview.py: the server draws the first view, this keeps it current.
(function () {
  var ELLIPSIS = "\u2026";

  function shorten(text, limit) {
    text = text.split(/\s+/).filter(Boolean).join(" ");
    if (text.length <= limit) return text;
    var cut = text.slice(0, limit - 1);
    var space = cut.lastIndexOf(" ");
    if (space > Math.floor(limit / 2)) cut = cut.slice(0, space);
    return cut.replace(/[\s,.;:\-\u2013]+$/, "") + ELLIPSIS;
  }

  function urlLine(baseUrl, slug) {
    var address = baseUrl.split("://").slice(-1)[0];
    var parts = address.split("/").filter(Boolean);
    if (slug) parts.push(slug);
    return parts.join(" \u203a ");
  }

  function attach(box) {
    if (box.dataset.wartaSerpReady) return;
    box.dataset.wartaSerpReady = "1";
    var form = box.closest("form") || document;
    function field(name) {
      return form.querySelector("[name='" + name + "']");
    }
    function value(name) {
      var input = field(name);
      return input ? input.value.trim() : "";
    }
    var titleLimit = parseInt(box.dataset.titleLimit, 10);
    var descriptionLimit = parseInt(box.dataset.descriptionLimit, 10);
    var titleNode = box.querySelector("[data-warta-serp-title]");
    var descriptionNode = box.querySelector("[data-warta-serp-description]");
    var urlNode = box.querySelector("[data-warta-serp-url]");

    function update() {
      // As on the readers' page: <title> is the SEO title (else the title) and the site name.
      var headline = value("seo_title") || value("title");
      var title = headline ? shorten(headline + " - " + box.dataset.siteName, titleLimit) : "";
      titleNode.textContent = title || box.dataset.emptyTitle;
      titleNode.classList.toggle("warta-serp__title--empty", !title);
      var description = shorten(value("search_description") || value("lead"), descriptionLimit);
      descriptionNode.textContent = description || box.dataset.emptyDescription;
      descriptionNode.classList.toggle("warta-serp__description--empty", !description);
      urlNode.textContent = urlLine(box.dataset.baseUrl, value("slug"));
    }

    ["title", "seo_title", "search_description", "lead", "slug"].forEach(function (name) {
      var input = field(name);
      if (input) {
        input.addEventListener("input", update);
        input.addEventListener("change", update); // the slug is filled in from the title by script
      }
    });
    update();
  }

  function attachAll() {
    document.querySelectorAll("[data-warta-serp]").forEach(attach);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", attachAll);
  } else {
    attachAll();
  }
})();
