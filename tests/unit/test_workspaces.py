"""Workspace membership: a signed-in user's personal workspace plus the shared ones whose member
list holds their email, and the checks on the secrets section that lists the members."""

from __future__ import annotations

import pytest

from menuplanner.domain.workspaces import (
    Workspace,
    WorkspaceSettingsError,
    parse_membership,
    personal_workspace,
    workspaces_for,
)

CLINICS = {
    "North clinic": ["ana@example.org", "Ben@Example.org "],
    "Ana's research": ["ana@example.org"],
    "South clinic": ["carla@example.org"],
}


def test_a_member_of_two_clinics_gets_her_own_workspace_first_then_both_by_name():
    found = workspaces_for("ana@example.org", parse_membership(CLINICS))

    assert found == [
        Workspace("user:ana@example.org", "Personal"),
        Workspace("shared:Ana's research", "Ana's research"),
        Workspace("shared:North clinic", "North clinic"),
    ]


def test_emails_match_whatever_their_case_and_surrounding_spaces():
    found = workspaces_for("  BEN@example.ORG", parse_membership(CLINICS))

    assert [w.workspace_id for w in found] == ["user:ben@example.org", "shared:North clinic"]


def test_someone_in_no_list_has_only_their_personal_workspace():
    assert workspaces_for("dan@example.org", parse_membership(CLINICS)) == [
        Workspace("user:dan@example.org", "Personal")
    ]


def test_without_a_workspaces_section_everyone_has_only_a_personal_workspace():
    assert parse_membership(None) == {}
    assert [w.workspace_id for w in workspaces_for("ana@example.org", {})] == [
        "user:ana@example.org"
    ]


def test_a_shared_workspace_named_like_a_personal_one_cannot_reach_its_rows():
    membership = parse_membership({"user:ana@example.org": ["ben@example.org"]})

    found = workspaces_for("ben@example.org", membership)

    assert [w.workspace_id for w in found] == [
        "user:ben@example.org",
        "shared:user:ana@example.org",
    ]
    assert "user:ana@example.org" not in {w.workspace_id for w in found}


def test_members_are_stored_normalised_and_without_repeats():
    membership = parse_membership({"North clinic": ["Ana@example.org", "ana@example.org "]})

    assert membership == {"North clinic": frozenset({"ana@example.org"})}


def test_an_empty_member_list_is_allowed_and_admits_nobody():
    membership = parse_membership({"Closed clinic": []})

    assert workspaces_for("ana@example.org", membership) == [
        Workspace("user:ana@example.org", "Personal")
    ]


def test_a_personal_workspace_needs_an_email_address():
    with pytest.raises(WorkspaceSettingsError) as raised:
        personal_workspace("ana")

    assert str(raised.value) == "'ana' is not an email address."


@pytest.mark.parametrize(
    ("section", "message"),
    [
        (
            ["ana@example.org"],
            "[menuplanner.workspaces] in the secrets must be a table of workspace names, each with "
            'a list of member emails, e.g. "North clinic" = ["ana@example.org"].',
        ),
        (
            {"North clinic": "ana@example.org"},
            "The members of 'North clinic' in [menuplanner.workspaces] must be a list of emails in "
            'square brackets, e.g. "North clinic" = ["ana@example.org"].',
        ),
        (
            {"North clinic": ["ana@example.org", "ben"]},
            "'ben' in the members of 'North clinic' in [menuplanner.workspaces] is not an email "
            "address.",
        ),
        (
            {"North clinic": ["ana@example.org", 7]},
            "'7' in the members of 'North clinic' in [menuplanner.workspaces] is not an email "
            "address.",
        ),
        (
            {"North clinic": ["ana @example.org"]},
            "'ana @example.org' in the members of 'North clinic' in [menuplanner.workspaces] "
            "is not an email address.",
        ),
        ({" ": ["ana@example.org"]}, "A workspace in [menuplanner.workspaces] has an empty name."),
        (
            {"North clinic ": ["ana@example.org"]},
            "The workspace name 'North clinic ' in [menuplanner.workspaces] starts or ends with a "
            "space.",
        ),
    ],
)
def test_a_malformed_workspaces_section_is_refused_with_a_sentence(section, message):
    with pytest.raises(WorkspaceSettingsError) as raised:
        parse_membership(section)

    assert str(raised.value) == message
