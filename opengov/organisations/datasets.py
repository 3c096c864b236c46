"""The open datasets of posts, tenures and network projects. Merged into the registry by
`opengov.api.datasets`. Everything here is public; people appear by name only."""

from __future__ import annotations

from django.db.models import Prefetch

from opengov.api.dataset_types import (
    BOOLEAN,
    DATE,
    HISTORY,
    INTEGER,
    PAGE,
    TEXT,
    TEXT_LIST,
    Column,
    Dataset,
    col,
    label,
)

from .models import Organisation, Post, Project, Tenure

ORGANISATIONS_DATASETS: dict[str, Dataset] = {
    "posts": Dataset(
        "Posts",
        "Public offices, such as a minister or an anti-corruption champion, and the "
        "organisation each belongs to. Who held them is in the tenures dataset.",
        lambda: Post.objects.select_related("organisation").order_by("pk"),
        [
            col("id", INTEGER, "The post's identifier."),
            col("slug", TEXT, "The post's slug, as in its page's address."),
            col("title", TEXT, "The post's title."),
            col("organisation", TEXT, "The slug of its organisation.", "organisation.slug"),
            col("organisation_name", TEXT, "The name of its organisation.", "organisation.name"),
            col("description", TEXT, "What the post is (Markdown)."),
            col("is_single_holder", BOOLEAN, "True when one person holds it at a time."),
            PAGE,
            HISTORY,
        ],
    ),
    "tenures": Dataset(
        "Tenures",
        "Who held each post when: the first and last day (both included; empty while the post "
        "is held), how they came to hold it and a public source.",
        lambda: Tenure.objects.select_related("person", "post").order_by(
            "post_id", "start_on", "pk"
        ),
        [
            col("id", INTEGER, "The tenure's identifier."),
            col("post_id", INTEGER, "The post (posts.id)."),
            col("post", TEXT, "The post's title.", "post.title"),
            col("person", TEXT, "The holder's name.", "person.display_name"),
            col("person_slug", TEXT, "The holder's slug (people.slug).", "person.slug"),
            col("start_on", DATE, "The first day they held the post."),
            col("end_on", DATE, "The last day they held it; empty while they hold it."),
            col(
                "appointment", TEXT, "appointed, reappointed, elected, acting, ex_officio or other."
            ),
            label("appointment_label", "How they came to hold it"),
            col("source_url", TEXT, "A public record of the appointment."),
            col("note", TEXT, "A note on the tenure."),
        ],
    ),
    "projects": Dataset(
        "Network projects",
        "The funded strands of networks' own work: funder, purpose, partners, period and status.",
        lambda: (
            Project.objects.select_related("network", "funder")
            .prefetch_related(Prefetch("partners", Organisation.objects.order_by("name")))
            .order_by("pk")
        ),
        [
            col("id", INTEGER, "The project's identifier."),
            col("slug", TEXT, "The project's slug, as in its page's address."),
            col("title", TEXT, "The project's title."),
            col("network", TEXT, "The slug of the network whose work it is.", "network.slug"),
            col("funder", TEXT, "The funder's slug, when it is in the directory.", "funder.slug"),
            col("funder_name", TEXT, "The funder's name.", "funder_display"),
            col("purpose", TEXT, "What the project is for (Markdown)."),
            Column(
                "partners",
                TEXT_LIST,
                "Slugs of the partner organisations.",
                lambda o: [p.slug for p in o.partners.all()],
            ),
            col("start_on", DATE, "When it starts, where known."),
            col("end_on", DATE, "When it ends, where known."),
            col("status", TEXT, "planned, active or completed."),
            label("status_label", "The status"),
            col("link", TEXT, "A web page about the project, if any.", "url"),
            PAGE,
            HISTORY,
        ],
    ),
}
