"""Open-data URLs, mounted at data/: the index, the dictionary and each dataset's downloads."""

from django.urls import path

from . import data

app_name = "data"
urlpatterns = [
    path("", data.data_index, name="index"),
    path("dictionary/", data.data_dictionary, name="dictionary"),
    path("commitments-ogp.csv", data.commitments_ogp_csv, name="commitments-ogp"),
    path("<slug:name>.csv", data.download_csv, name="csv"),
    path("<slug:name>.json", data.download_json, name="json"),
]
