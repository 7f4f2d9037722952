"""Feedback in English (the language cookie): the public form, its errors and tracking page, and the staff pages; Vietnamese stays the default."""

import html

import pytest
from django.test import Client

from motcua.feedback.actions import do_answer_feedback, do_submit_feedback, do_take_up_feedback
from motcua.feedback.models import Feedback
from tests.desk.conftest import vn
from tests.feedback.conftest import CONTENT, SENDER, SUBJECT, post
from tests.portal.test_english import data_of, vietnamese_left

pytestmark = pytest.mark.django_db

ANSWER = "Hồ sơ đã có kết quả, mời ông bà đến nhận."


def english(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def data(desk, *more) -> list[str]:
    return [*data_of(desk), SUBJECT, CONTENT, ANSWER, *SENDER.values(), *more]


def page_of(response) -> str:
    return html.unescape(response.content.decode())


def test_feedback_form_in_english(desk):
    response = english().get("/phan-anh/")
    page = page_of(response)
    for text in ["Send feedback", "Receiving agency or unit", "— Choose a unit —", "Type", "Complaint", "Proposal", "Subject", "Content", "Related dossier code (optional)", "Sender", "(not published)", "Full name", "Phone number", "Email", "Follow up feedback you sent", "Tracking code", "e.g. PA-2611-7K3Q9M", "Follow up"]:
        assert text in page, text
    assert "Gửi phản ánh, kiến nghị" not in page and "Phản ánh</label>" not in page
    assert vietnamese_left(response, data(desk)) == []


@pytest.mark.parametrize(
    "overrides, expected",
    [
        ({"unit": ""}, "Please choose the agency or unit to receive your feedback."),
        ({"kind": "x"}, "Please choose complaint or proposal."),
        ({"subject": " "}, "Please enter a subject."),
        ({"content": ""}, "Please enter the content."),
        ({"subject": "x" * 201}, "The subject is longer than 200 characters."),
        ({"sender_name": ""}, "Please enter your full name."),
        ({"sender_phone": "abc"}, "A phone number has digits only (8–20 characters), e.g. 0912 345 678."),
        ({"sender_email": "x@"}, "The email address is not valid."),
        ({"sender_phone": "", "sender_email": ""}, "Please give a phone number or an email address so that the agency can contact you."),
        ({"dossier_code": "H56-000000-0001"}, "There is no dossier H56-000000-0001 at Xã Hoằng Lưu."),
    ],
)
def test_feedback_errors_in_english(desk, overrides, expected):
    response = post(english(), desk, **overrides)
    assert response.status_code == 200
    assert expected in page_of(response)
    assert vietnamese_left(response, data(desk, "x" * 201)) == []
    assert Feedback.objects.count() == 0


def test_tracking_page_in_english(desk):
    client = english()
    response = post(client, desk)
    feedback = Feedback.objects.get()
    sent = client.get(response["Location"])
    page = page_of(sent)
    for text in ["Sent. Your tracking code:", feedback.tracking_code, "Please note down this code", f"Complaint {feedback.tracking_code}", "Receiving agency", "Date sent", "Status", "Received", "The agency has not answered yet."]:
        assert text in page, text
    assert vietnamese_left(sent, data(desk)) == []
    do_take_up_feedback(desk.officer, feedback)
    do_answer_feedback(desk.leader, feedback, ANSWER)
    answered = client.get(response["Location"])
    page = page_of(answered)
    assert "Answered" in page and "Date answered" in page and f"Answer from {desk.unit.name}" in page and ANSWER in page
    assert vietnamese_left(answered, data(desk)) == []
    missing = client.get("/phan-anh/theo-doi/?ma=PA-0000-AAAAAA", follow=True)
    assert missing.status_code == 404
    assert "Feedback not found" in page_of(missing) and "Send new feedback" in page_of(missing)
    assert vietnamese_left(missing, data(desk)) == []


def test_staff_pages_in_english(desk):
    feedback = do_submit_feedback(desk.unit, "proposal", SUBJECT, CONTENT, SENDER, at=vn(2026, 11, 2, 9))
    officer, leader = english(desk.officer), english(desk.leader)
    listing = officer.get("/can-bo/phan-anh/")
    page = page_of(listing)
    for text in ["Feedback", "Filter by status", "All", "Received", "In progress", "Answered", "Tracking code", "Type", "Proposal", "Subject", "Unit", "Date sent", "Status"]:
        assert text in page, text
    staff = [desk.officer.get_full_name(), desk.leader.get_full_name(), desk.leader.username]
    assert vietnamese_left(listing, data(desk, *staff)) == []
    assert "No feedback with this status." in page_of(officer.get("/can-bo/phan-anh/?trang-thai=answered"))
    detail = officer.get(f"/can-bo/phan-anh/{feedback.pk}/")
    page = page_of(detail)
    for text in ["« Feedback list", f"Proposal {feedback.tracking_code}", "Related dossier" if feedback.dossier_code else "Sender", "Take up", "Answer", "(will be published on the sender's tracking page)", "Send answer", "History", "Send feedback"]:
        assert text in page, text
    assert vietnamese_left(detail, data(desk, *staff)) == []
    # A stale version, then an empty answer: the errors are English too.
    stale = officer.post(f"/can-bo/phan-anh/{feedback.pk}/tiep-nhan/", {"version": 7})
    assert stale.status_code == 409 and "Someone else has changed this feedback; please reload the page" in page_of(stale)
    assert officer.post(f"/can-bo/phan-anh/{feedback.pk}/tiep-nhan/", {"version": 1}).status_code == 302
    empty = leader.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"version": 2, "answer": " "})
    assert empty.status_code == 400 and "Please enter the answer" in page_of(empty)
    assert leader.post(f"/can-bo/phan-anh/{feedback.pk}/tra-loi/", {"version": 2, "answer": ANSWER}).status_code == 302
    done = leader.get(f"/can-bo/phan-anh/{feedback.pk}/")
    page = page_of(done)
    assert "Answer (published on the tracking page)" in page and "Handled by" in page and "Take up" in page
    assert vietnamese_left(done, data(desk, *staff)) == []


def test_vietnamese_stays_the_default(client, desk):
    page = page_of(client.get("/phan-anh/", HTTP_ACCEPT_LANGUAGE="en"))
    assert "Gửi phản ánh, kiến nghị" in page and "Cơ quan, đơn vị nhận" in page and "Phản ánh" in page
    assert "Send feedback" not in page and "Complaint" not in page
    response = post(client, desk, subject="")
    assert "Cần ghi tiêu đề." in page_of(response)
