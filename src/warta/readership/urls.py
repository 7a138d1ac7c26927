from django.urls import path

from warta.readership.views import count_view

app_name = "readership"
urlpatterns = [path("dibaca/<int:article_id>/", count_view, name="count")]
