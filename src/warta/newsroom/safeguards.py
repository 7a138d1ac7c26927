"""What an article needs before it goes live, and a schedule picker in the site's own time.

Publishing or approving asks for a body (and a lead and a featured photo where the site sets
WARTA_PUBLISH_REQUIRES); a go-live time already past is questioned instead of silently
replaced by now, and the editor may back-date the article to it instead.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from wagtail.admin.widgets import AdminDateTimeInput

from warta.news.dates import long_date, site_zone, zone_abbreviation

# Minutes between the times the picker offers; any minute may still be typed.
PICKER_STEP = 5
# A go-live time this close to now is "now": the editor took a moment to click.
PAST_TOLERANCE_SECONDS = 120
DATETIME_FIELDS = ("go_live_at", "expire_at", "first_published_at")
COUNTED_FIELDS = ("title", "seo_title", "search_description", "lead")


class MinuteDateTimeInput(AdminDateTimeInput):
    """Wagtail's date-time picker, stepping by minutes instead of whole hours."""

    def get_config(self):
        return super().get_config() | {"step": PICKER_STEP}


def zone_name():
    return zone_abbreviation(timezone.now().astimezone(site_zone()))


def prepare_fields(form):
    """Give the date fields a minute picker and the zone, the text fields a visible limit."""
    zone = zone_name()
    for name in DATETIME_FIELDS:
        field = form.fields.get(name)
        if field is None:
            continue
        old = field.widget
        field.widget = MinuteDateTimeInput(
            attrs=old.attrs,
            format=getattr(old, "format", None),
            js_overlay_parent_selector=getattr(old, "js_overlay_parent_selector", "body"),
        )
        field.label = f"{field.label} ({zone})"
    for name in COUNTED_FIELDS:
        field = form.fields.get(name)
        if field is not None and getattr(field, "max_length", None):
            field.widget.attrs["data-warta-count"] = str(field.max_length)
            field.widget.attrs["data-warta-count-text"] = _("%(count)s of %(limit)s characters")


def is_going_live(form):
    """Tell whether this post publishes the article or approves it (which publishes it)."""
    data = form.data
    if data.get("action-publish"):
        return True
    return bool(data.get("action-workflow-action")) and (
        data.get("workflow-action-name") == "approve"
    )


def required_parts():
    return set(getattr(settings, "WARTA_PUBLISH_REQUIRES", ()))


def body_is_empty(body):
    """Tell whether the body has no text a reader could read (a lone picture is no article)."""
    return not any(strip_tags(str(block.render_as_block())).strip() for block in body or ())


def check_before_going_live(form, cleaned_data):
    """Add the errors that keep an incomplete article or a past go-live time from publishing."""
    if not is_going_live(form):
        return
    if "body" in cleaned_data and body_is_empty(cleaned_data["body"]):
        form.add_error("body", _("Write the article's body before publishing it."))
    wanted = required_parts()
    if "lead" in wanted and not (cleaned_data.get("lead") or "").strip():
        form.add_error("lead", _("This site publishes no article without a lead: write one."))
    if "photo" in wanted and not cleaned_data.get("featured_image"):
        form.add_error(
            "featured_image",
            _("This site publishes no article without a featured photo: choose one."),
        )
    check_past_go_live(form, cleaned_data)


def check_past_go_live(form, cleaned_data):
    go_live = cleaned_data.get("go_live_at")
    if go_live is None:
        return
    if (timezone.now() - go_live).total_seconds() <= PAST_TOLERANCE_SECONDS:
        return
    if cleaned_data.get("backdate"):
        # Publish now, dated as the editor asked: readers and feeds see the earlier time.
        cleaned_data["first_published_at"] = go_live
        cleaned_data["go_live_at"] = None
        return
    moment = long_date(go_live)
    form.add_error(
        None,
        _(
            "The go-live time %(moment)s has already passed. Empty it to publish now, or tick "
            "'Back-date to the go-live time' under Settings to publish now dated %(moment)s."
        )
        % {"moment": moment},
    )
