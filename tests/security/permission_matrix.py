"""The access-control matrix: what each role gets from every route, by the state of the object the
route is about. Written from the product's rules (docs/architecture.md, opengov/*/rules.py and
querysets.py `visible_to`), not captured from the code's answers; test_permission_matrix.py walks
the URL configuration and the OpenAPI schema and fails for any route without rows here.

One row per (route, method, state). A route is a URL name (`namespace:name`) or, for the JSON API,
its OpenAPI path. HTML routes have a row for each of GET and POST they answer (an empty POST: a
form that needs input is refused on the form, 200, and writes nothing). The state is that of the
object the route's path names (STATES), or `-` for a route that names no object, or one whose
objects have no state (an organisation, a person). A route without a state that lists or embeds
objects may instead have one row per state shown, with `listed`/`absent` (or a status alone).
The columns are the roles (ROLES): anon, part(icipant), cso (civil-society member), other (a lead
of another organisation), lead, gov(ernment contact), sec(retariat), admin(istrator).

Besides the rows, every answer to a role is checked for what that role may never see: nothing of
a draft outside SEES_DRAFTS, nothing of a hidden meeting outside SEES_HIDDEN (every door: pages,
API, feeds, exports, history). A route that names no object with a state and whose rows give every
role the same answer is requested as anonymous and as administrator only, to keep the run short."""

# ruff: noqa: E501 - the table's rows are wider than code lines, to stay one row per line.

from __future__ import annotations

from .matrix_apps import PARTS

ROLES = (
    "anonymous",
    "participant",
    "civil_society_member",
    "other_lead",  # a commitment lead for another organisation (the Home Office)
    "lead",  # a commitment lead whose grant covers the commitment's lead organisation
    "government_contact",
    "secretariat",
    "administrator",
)

STATES = {
    "published": "a published plan and what is in it; a public meeting and what is in it",
    "draft": "a plan not yet published (status drafting) and everything in it",
    "hidden": "a meeting that is not public (made private after it was recorded) and its content",
}

# action_plans/querysets.py: unpublished plans are visible to plan managers alone
# (accounts.predicates.is_plan_manager).
SEES_DRAFTS = frozenset({"government_contact", "secretariat", "administrator"})
# meetings/querysets.py: a meeting that is not public is seen by the secretariat and administrators.
SEES_HIDDEN = frozenset({"secretariat", "administrator"})

OUTCOMES = {
    "200": "answered",
    "201": "created (an API write)",
    "302": "redirected, not to a sign-in page (the action was done, or there is nothing to do)",
    "login": "redirected to the sign-in page",
    "admin": "redirected to the admin site's sign-in page",
    "401": "the API asks for a valid token",
    "403": "refused: the role may see the object but not do this",
    "404": "not found: the role may not know the object exists",
    "405": "method not allowed",
    "listed": "answered, and this state's object is in the answer",
    "absent": "answered, and nothing of this state's objects is in the answer",
}
PRESENCE = frozenset({"listed", "absent"})

# fmt: off
TABLE = """
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin

# The home page: the plan being implemented, and the ten latest changes (an administrator's may
# include any event: only their status is checked).
pages:home                               GET    published listed listed listed listed listed listed listed listed
pages:home                               GET    draft     absent absent absent absent absent absent absent 200
pages:home                               GET    hidden    absent absent absent absent absent absent absent 200
# Fixed pages and lists that hold no drafts or hidden meetings: anyone.
pages:accessibility                      GET    -         200    200    200    200    200    200    200    200
pages:privacy                            GET    -         200    200    200    200    200    200    200    200
pages:take-part                          GET    -         200    200    200    200    200    200    200    200
organisations:organisation-list          GET    -         200    200    200    200    200    200    200    200
organisations:person-detail              GET    -         200    200    200    200    200    200    200    200
organisations:network-detail             GET    -         200    200    200    200    200    200    200    200
data:index                               GET    -         200    200    200    200    200    200    200    200
data:dictionary                          GET    -         200    200    200    200    200    200    200    200
api:openapi-json                         GET    -         200    200    200    200    200    200    200    200
api:openapi-view                         GET    -         200    200    200    200    200    200    200    200
api:api-root                             GET    -         404    404    404    404    404    404    404    404

# Public pages of plans: drafts are seen by plan managers only (404 for anyone else).
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
action_plans:plan-list                   GET    published listed listed listed listed listed listed listed listed
action_plans:plan-list                   GET    draft     absent absent absent absent absent listed listed listed
action_plans:member-detail               GET    published listed listed listed listed listed listed listed listed
action_plans:member-detail               GET    draft     absent absent absent absent absent listed listed listed
action_plans:plan-detail                 GET    published 200    200    200    200    200    200    200    200
action_plans:plan-detail                 GET    draft     404    404    404    404    404    200    200    200
action_plans:commitment-detail           GET    published 200    200    200    200    200    200    200    200
action_plans:commitment-detail           GET    draft     404    404    404    404    404    200    200    200
action_plans:milestone-detail            GET    published 200    200    200    200    200    200    200    200
action_plans:milestone-detail            GET    draft     404    404    404    404    404    200    200    200
action_plans:update-detail               GET    published 200    200    200    200    200    200    200    200
action_plans:update-detail               GET    draft     404    404    404    404    404    200    200    200
organisations:organisation-detail        GET    published listed listed listed listed listed listed listed listed
organisations:organisation-detail        GET    draft     absent absent absent absent absent listed listed listed
organisations:organisation-detail        GET    hidden    absent absent absent absent absent absent listed listed

# Managing plans and commitments: action_plans.{add,change,publish}_actionplan, add_commitment and
# change_commitment are administrators' and government contacts'. The secretariat sees drafts but
# may not change them (403); a draft is a 404 for everyone who may not see it. Empty POSTs are
# refused on the form (200), except publishing, which has nothing to type: a draft is published
# (302), a published plan is refused on the form (200).
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
action_plans:plan-create                 GET    -         login  403    403    403    403    200    403    200
action_plans:plan-create                 POST   -         login  403    403    403    403    200    403    200
action_plans:plan-edit                   GET    published login  403    403    403    403    200    403    200
action_plans:plan-edit                   GET    draft     login  404    404    404    404    200    403    200
action_plans:plan-edit                   POST   published login  403    403    403    403    200    403    200
action_plans:plan-edit                   POST   draft     login  404    404    404    404    200    403    200
action_plans:plan-publish                GET    published login  403    403    403    403    200    403    200
action_plans:plan-publish                GET    draft     login  404    404    404    404    200    403    200
action_plans:plan-publish                POST   published login  403    403    403    403    200    403    200
action_plans:plan-publish                POST   draft     login  404    404    404    404    302    403    302
action_plans:commitment-create           GET    published login  403    403    403    403    200    403    200
action_plans:commitment-create           GET    draft     login  404    404    404    404    200    403    200
action_plans:commitment-create           POST   published login  403    403    403    403    200    403    200
action_plans:commitment-create           POST   draft     login  404    404    404    404    200    403    200
action_plans:commitment-edit             GET    published login  403    403    403    403    200    403    200
action_plans:commitment-edit             GET    draft     login  404    404    404    404    200    403    200
action_plans:commitment-edit             POST   published login  403    403    403    403    200    403    200
action_plans:commitment-edit             POST   draft     login  404    404    404    404    200    403    200

# Milestones: add_milestone and change_milestone are plan managers' or, in a published plan, the
# lead's (not the lead of another organisation's); not once the plan has ended.
action_plans:milestone-create            GET    published login  403    403    403    200    200    403    200
action_plans:milestone-create            GET    draft     login  404    404    404    404    200    403    200
action_plans:milestone-create            POST   published login  403    403    403    200    200    403    200
action_plans:milestone-create            POST   draft     login  404    404    404    404    200    403    200
action_plans:milestone-edit              GET    published login  403    403    403    200    200    403    200
action_plans:milestone-edit              GET    draft     login  404    404    404    404    200    403    200
action_plans:milestone-edit              POST   published login  403    403    403    200    200    403    200
action_plans:milestone-edit              POST   draft     login  404    404    404    404    200    403    200

# Reporting: post_progressupdate, revise_milestone and complete_milestone need the same people and
# a plan being implemented, which a plan still drafting is not (403 for those who see it).
action_plans:update-create               GET    published login  403    403    403    200    200    403    200
action_plans:update-create               GET    draft     login  404    404    404    404    403    403    403
action_plans:update-create               POST   published login  403    403    403    200    200    403    200
action_plans:update-create               POST   draft     login  404    404    404    404    403    403    403
action_plans:milestone-revise            GET    published login  403    403    403    200    200    403    200
action_plans:milestone-revise            GET    draft     login  404    404    404    404    403    403    403
action_plans:milestone-revise            POST   published login  403    403    403    200    200    403    200
action_plans:milestone-revise            POST   draft     login  404    404    404    404    403    403    403
action_plans:milestone-complete          GET    published login  403    403    403    200    200    403    200
action_plans:milestone-complete          GET    draft     login  404    404    404    404    403    403    403
action_plans:milestone-complete          POST   published login  403    403    403    200    200    403    200
action_plans:milestone-complete          POST   draft     login  404    404    404    404    403    403    403
# add_government_assessment (as reporting) or add_civil_society_assessment (a civil-society
# member, for their organisation, in a published plan being implemented).
action_plans:assessment-create           GET    published login  403    200    403    200    200    403    200
action_plans:assessment-create           GET    draft     login  404    404    404    404    403    403    403
action_plans:assessment-create           POST   published login  403    200    403    200    200    403    200
action_plans:assessment-create           POST   draft     login  404    404    404    404    403    403    403

# Public pages of meetings: a meeting that is not public, and everything in it, is the
# secretariat's and administrators' only. Feeds are anonymous: public meetings only, to everyone.
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
meetings:meeting-list                    GET    published listed listed listed listed listed listed listed listed
meetings:meeting-list                    GET    hidden    absent absent absent absent absent absent listed listed
meetings:series-detail                   GET    published listed listed listed listed listed listed listed listed
meetings:series-detail                   GET    hidden    absent absent absent absent absent absent listed listed
meetings:meeting-detail                  GET    published 200    200    200    200    200    200    200    200
meetings:meeting-detail                  GET    hidden    404    404    404    404    404    404    200    200
meetings:action-register                 GET    published listed listed listed listed listed listed listed listed
meetings:action-register                 GET    hidden    absent absent absent absent absent absent listed listed
meetings:action-detail                   GET    published 200    200    200    200    200    200    200    200
meetings:action-detail                   GET    hidden    404    404    404    404    404    404    200    200
meetings:meetings-ics                    GET    published listed listed listed listed listed listed listed listed
meetings:meetings-ics                    GET    hidden    absent absent absent absent absent absent absent absent
meetings:series-ics                      GET    published listed listed listed listed listed listed listed listed
meetings:series-ics                      GET    hidden    absent absent absent absent absent absent absent absent
meetings:minutes-atom                    GET    published listed listed listed listed listed listed listed listed
meetings:minutes-atom                    GET    hidden    absent absent absent absent absent absent absent absent

# Running meetings: meetings.{add,change}_meeting, publish_minutes, add_meetingseries,
# add_actionitem and import_note are the secretariat's and administrators'. Empty POSTs are refused
# on the form (200); publishing minutes already published is refused on the form (200); removing an
# attendee needs nothing typed (302).
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
meetings:meeting-create                  GET    -         login  403    403    403    403    403    200    200
meetings:meeting-create                  POST   -         login  403    403    403    403    403    200    200
meetings:series-create                   GET    -         login  403    403    403    403    403    200    200
meetings:series-create                   POST   -         login  403    403    403    403    403    200    200
meetings:meeting-edit                    GET    published login  403    403    403    403    403    200    200
meetings:meeting-edit                    GET    hidden    login  404    404    404    404    404    200    200
meetings:meeting-edit                    POST   published login  403    403    403    403    403    200    200
meetings:meeting-edit                    POST   hidden    login  404    404    404    404    404    200    200
meetings:meeting-publish                 GET    published login  403    403    403    403    403    200    200
meetings:meeting-publish                 GET    hidden    login  404    404    404    404    404    200    200
meetings:meeting-publish                 POST   published login  403    403    403    403    403    200    200
meetings:meeting-publish                 POST   hidden    login  404    404    404    404    404    200    200
meetings:attendance-edit                 GET    published login  403    403    403    403    403    200    200
meetings:attendance-edit                 GET    hidden    login  404    404    404    404    404    200    200
meetings:attendance-edit                 POST   published login  403    403    403    403    403    200    200
meetings:attendance-edit                 POST   hidden    login  404    404    404    404    404    200    200
meetings:attendance-remove               POST   published login  403    403    403    403    403    302    302
meetings:attendance-remove               POST   hidden    login  404    404    404    404    404    302    302
meetings:section-create                  GET    published login  403    403    403    403    403    200    200
meetings:section-create                  GET    hidden    login  404    404    404    404    404    200    200
meetings:section-create                  POST   published login  403    403    403    403    403    200    200
meetings:section-create                  POST   hidden    login  404    404    404    404    404    200    200
meetings:section-edit                    GET    published login  403    403    403    403    403    200    200
meetings:section-edit                    GET    hidden    login  404    404    404    404    404    200    200
meetings:section-edit                    POST   published login  403    403    403    403    403    200    200
meetings:section-edit                    POST   hidden    login  404    404    404    404    404    200    200
meetings:decision-create                 GET    published login  403    403    403    403    403    200    200
meetings:decision-create                 GET    hidden    login  404    404    404    404    404    200    200
meetings:decision-create                 POST   published login  403    403    403    403    403    200    200
meetings:decision-create                 POST   hidden    login  404    404    404    404    404    200    200
meetings:action-create                   GET    published login  403    403    403    403    403    200    200
meetings:action-create                   GET    hidden    login  404    404    404    404    404    200    200
meetings:action-create                   POST   published login  403    403    403    403    403    200    200
meetings:action-create                   POST   hidden    login  404    404    404    404    404    200    200
meetings:note-import                     GET    -         login  403    403    403    403    403    200    200
meetings:note-import                     POST   -         login  403    403    403    403    403    200    200
meetings:note-preview                    GET    -         login  403    403    403    403    403    200    200
meetings:note-preview                    POST   -         login  403    403    403    403    403    200    200
# meetings.change_actionitem: those who run meetings, or anyone holding a role for the action's
# owner organisation (the lead's grant is for it), on a public meeting only.
meetings:action-status                   GET    published login  403    403    403    200    403    200    200
meetings:action-status                   GET    hidden    login  404    404    404    404    404    200    200
meetings:action-status                   POST   published login  403    403    403    200    403    200    200
meetings:action-status                   POST   hidden    login  404    404    404    404    404    200    200

# History: public events to everyone; events of drafts and of hidden meetings to administrators.
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
core:history                             GET    published listed listed listed listed listed listed listed listed
core:history                             GET    draft     absent absent absent absent absent absent absent listed
core:history                             GET    hidden    absent absent absent absent absent absent absent listed
core:event-detail                        GET    published 200    200    200    200    200    200    200    200
core:event-detail                        GET    draft     404    404    404    404    404    404    404    200
core:event-detail                        GET    hidden    404    404    404    404    404    404    404    200

# Accounts. Signed-in people are sent on from the sign-in page; signing out is a POST. The token
# to revoke is the lead's own: anyone else's attempt is a 404. Empty forms are refused (200).
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
accounts:sign-in                         GET    -         200    302    302    302    302    302    302    302
accounts:sign-in                         POST   -         200    302    302    302    302    302    302    302
accounts:sign-out                        GET    -         200    200    200    200    200    200    200    200
accounts:sign-out                        POST   -         302    302    302    302    302    302    302    302
accounts:password-reset                  GET    -         200    200    200    200    200    200    200    200
accounts:password-reset                  POST   -         200    200    200    200    200    200    200    200
accounts:password-reset-done             GET    -         200    200    200    200    200    200    200    200
accounts:password-reset-complete         GET    -         200    200    200    200    200    200    200    200
accounts:password-reset-confirm          GET    -         200    200    200    200    200    200    200    200
accounts:password-reset-confirm          POST   -         200    200    200    200    200    200    200    200
tokens:token-list                        GET    -         login  200    200    200    200    200    200    200
tokens:token-list                        POST   -         login  200    200    200    200    200    200    200
tokens:token-revoke                      POST   -         login  404    404    404    302    404    404    404
# A person's own data: to download, and their account to delete (an empty password is refused).
accounts:your-data                       GET    -         login  200    200    200    200    200    200    200
accounts:notifications                   GET    -         login  200    200    200    200    200    200    200
accounts:notifications                   POST   -         login  200    200    200    200    200    200    200
accounts:your-data-download              POST   -         login  200    200    200    200    200    200    200
accounts:delete-account                  GET    -         login  200    200    200    200    200    200    200
accounts:delete-account                  POST   -         login  200    200    200    200    200    200    200
accounts:account-deleted                 GET    -         200    200    200    200    200    200    200    200

# Open data: public data only, whoever asks. The OGP-layout export holds the commitments the reader
# may see.
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
data:csv                                 GET    draft     absent absent absent absent absent absent absent absent
data:csv                                 GET    hidden    absent absent absent absent absent absent absent absent
data:json                                GET    draft     absent absent absent absent absent absent absent absent
data:json                                GET    hidden    absent absent absent absent absent absent absent absent
data:commitments-ogp                     GET    published listed listed listed listed listed listed listed listed
data:commitments-ogp                     GET    draft     absent absent absent absent absent listed listed listed

# Django's admin site is for staff accounts; no role makes an account staff.
admin:index                              GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:login                              GET    -         200    200    200    200    200    200    200    200
admin:logout                             GET    -         302    302    302    302    302    302    302    302
admin:password_change                    GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:password_change_done               GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:autocomplete                       GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:jsi18n                             GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:view_on_site                       GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:app_list                           GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:auth_group_changelist              GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:auth_group_add                     GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:auth_group_change                  GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:auth_group_delete                  GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:auth_group_history                 GET    -         admin  admin  admin  admin  admin  admin  admin  admin
admin:django_tasks_database_dbtaskresult_changelist GET - admin  admin  admin  admin  admin  admin  admin  admin
admin:django_tasks_database_dbtaskresult_add        GET - admin  admin  admin  admin  admin  admin  admin  admin
admin:django_tasks_database_dbtaskresult_change     GET - admin  admin  admin  admin  admin  admin  admin  admin
admin:django_tasks_database_dbtaskresult_delete     GET - admin  admin  admin  admin  admin  admin  admin  admin
admin:django_tasks_database_dbtaskresult_history    GET - admin  admin  admin  admin  admin  admin  admin  admin

# The JSON API (every path and method of /api/v1/openapi.json). Reads need no token and see what
# the token's user may see; writes need a token (401) and the same rules as the pages.
# route                                  method state     anon   part   cso    other  lead   gov    sec    admin
/api/v1/members                          GET    published listed listed listed listed listed listed listed listed
/api/v1/members                          GET    draft     absent absent absent absent absent listed listed listed
/api/v1/members/{slug}                   GET    published listed listed listed listed listed listed listed listed
/api/v1/members/{slug}                   GET    draft     absent absent absent absent absent listed listed listed
/api/v1/plans                            GET    published listed listed listed listed listed listed listed listed
/api/v1/plans                            GET    draft     absent absent absent absent absent listed listed listed
/api/v1/plans/{plan_id}                  GET    published 200    200    200    200    200    200    200    200
/api/v1/plans/{plan_id}                  GET    draft     404    404    404    404    404    200    200    200
/api/v1/commitments                      GET    published listed listed listed listed listed listed listed listed
/api/v1/commitments                      GET    draft     absent absent absent absent absent listed listed listed
/api/v1/commitments/{commitment_id}      GET    published 200    200    200    200    200    200    200    200
/api/v1/commitments/{commitment_id}      GET    draft     404    404    404    404    404    200    200    200
/api/v1/milestones                       GET    published listed listed listed listed listed listed listed listed
/api/v1/milestones                       GET    draft     absent absent absent absent absent listed listed listed
/api/v1/milestones/{milestone_id}        GET    published 200    200    200    200    200    200    200    200
/api/v1/milestones/{milestone_id}        GET    draft     404    404    404    404    404    200    200    200
/api/v1/updates                          GET    published listed listed listed listed listed listed listed listed
/api/v1/updates                          GET    draft     absent absent absent absent absent listed listed listed
/api/v1/updates/{update_id}              GET    published 200    200    200    200    200    200    200    200
/api/v1/updates/{update_id}              GET    draft     404    404    404    404    404    200    200    200
/api/v1/commitments/{commitment_id}/updates POST published 401 403    403    403    201    201    403    201
/api/v1/commitments/{commitment_id}/updates POST draft  401    404    404    404    404    403    403    403
/api/v1/milestones/{milestone_id}/complete  POST published 401 403    403    403    200    200    403    200
/api/v1/milestones/{milestone_id}/complete  POST draft  401    404    404    404    404    403    403    403
/api/v1/milestones/{milestone_id}/revisions POST published 401 403    403    403    201    201    403    201
/api/v1/milestones/{milestone_id}/revisions POST draft  401    404    404    404    404    403    403    403
/api/v1/organisations                    GET    -         200    200    200    200    200    200    200    200
/api/v1/organisations/{slug}             GET    published listed listed listed listed listed listed listed listed
/api/v1/organisations/{slug}             GET    draft     absent absent absent absent absent listed listed listed
/api/v1/people                           GET    -         200    200    200    200    200    200    200    200
/api/v1/people/{slug}                    GET    -         200    200    200    200    200    200    200    200
/api/v1/networks                         GET    -         200    200    200    200    200    200    200    200
/api/v1/networks/{slug}                  GET    -         200    200    200    200    200    200    200    200
/api/v1/meetings                         GET    published listed listed listed listed listed listed listed listed
/api/v1/meetings                         GET    hidden    absent absent absent absent absent absent listed listed
/api/v1/meetings/{meeting_id}            GET    published 200    200    200    200    200    200    200    200
/api/v1/meetings/{meeting_id}            GET    hidden    404    404    404    404    404    404    200    200
/api/v1/action-items                     GET    published listed listed listed listed listed listed listed listed
/api/v1/action-items                     GET    hidden    absent absent absent absent absent absent listed listed
/api/v1/action-items/{action_item_id}    GET    published 200    200    200    200    200    200    200    200
/api/v1/action-items/{action_item_id}    GET    hidden    404    404    404    404    404    404    200    200
/api/v1/history                          GET    published listed listed listed listed listed listed listed listed
/api/v1/history                          GET    draft     absent absent absent absent absent absent absent listed
/api/v1/history                          GET    hidden    absent absent absent absent absent absent absent listed
/api/v1/history/{sequence}               GET    published 200    200    200    200    200    200    200    200
/api/v1/history/{sequence}               GET    draft     404    404    404    404    404    404    404    200
/api/v1/history/{sequence}               GET    hidden    404    404    404    404    404    404    404    200
"""
# fmt: on

Key = tuple[str, str, str]  # (route, method, state)


def parse(table: str) -> dict[Key, dict[str, str]]:
    """The table as {(route, method, state): {role: outcome}}; a malformed row, an unknown
    outcome or state, or a repeated row is an error naming the line."""
    rows: dict[Key, dict[str, str]] = {}
    for number, line in enumerate(table.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split()
        if len(fields) != 3 + len(ROLES):
            raise ValueError(f"permission matrix line {number}: expected 11 columns: {line!r}")
        route, method, state, *outcomes = fields
        unknown = [o for o in outcomes if o not in OUTCOMES]
        if unknown or (state != "-" and state not in STATES):
            raise ValueError(f"permission matrix line {number}: unknown {unknown or state}")
        if (route, method, state) in rows:
            raise ValueError(f"permission matrix line {number}: a second row for {route}")
        rows[(route, method, state)] = dict(zip(ROLES, outcomes, strict=True))
    return rows


EXPECTED = parse(TABLE + "".join(getattr(part, "TABLE", "") for part in PARTS))
