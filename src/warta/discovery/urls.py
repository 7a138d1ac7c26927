from django.urls import path

from warta.discovery.views import search_page

app_name = "discovery"
urlpatterns = [path("", search_page, name="search")]
