"""A rating at the desk: only once the dossier has its result, and once per dossier per channel."""

import pytest
from django.db import IntegrityError, transaction

from motcua.dossiers import actions as a
from motcua.dossiers.error_codes import DossierActionError, DossierErrorCode as E
from motcua.dossiers.lifecycle import allowed_actions
from motcua.dossiers.models import Rating
from tests.desk.conftest import receive, state, vn

pytestmark = pytest.mark.django_db


def decided(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    d = a.do_assign_dossier(desk.officer, d, desk.specialist, at=vn(2023, 6, 5, 8, 30))
    d = a.do_start_processing(desk.specialist, d, at=vn(2023, 6, 5, 9, 0))
    d = a.do_submit_for_decision(desk.specialist, d, at=vn(2023, 6, 5, 9, 30))
    return a.do_approve_dossier(desk.leader, d, at=vn(2023, 6, 5, 10, 0))


def refused(code, *args, **kwargs):
    before = state(args[1])
    with pytest.raises(DossierActionError) as err:
        a.do_record_rating(*args, **kwargs)
    assert err.value.code == code
    assert state(args[1]) == before
    return err.value.message


def test_a_dossier_without_a_result_cannot_be_rated(desk):
    d = receive(desk, vn(2023, 6, 5, 8, 0))
    message = refused(E.INVALID_TRANSITION, desk.officer, d, "satisfied", "paper", at=vn(2023, 6, 5, 9, 0))
    assert message == "không thể ghi nhận đánh giá: hồ sơ H56.20.03-230605-0001 đang ở trạng thái «Mới tiếp nhận»"
    assert "record_rating" not in allowed_actions(desk.officer, d)
    withdrawn = a.do_withdraw_dossier(desk.officer, d, "Công dân xin rút", at=vn(2023, 6, 5, 9, 0))
    refused(E.INVALID_TRANSITION, desk.officer, withdrawn, "satisfied", "paper", at=vn(2023, 6, 5, 9, 30))


def test_one_rating_per_channel_after_the_result(desk):
    d = decided(desk)
    assert "record_rating" in allowed_actions(desk.officer, d)
    d = a.do_record_rating(desk.officer, d, "satisfied", "paper", at=vn(2023, 6, 5, 10, 30))
    message = refused(E.INVALID_RATING, desk.officer, d, "unsatisfied", "paper", at=vn(2023, 6, 5, 11, 0))
    assert message == "hồ sơ H56.20.03-230605-0001 đã có đánh giá qua phiếu giấy; mỗi hình thức chỉ đánh giá một lần"
    # Another channel is another rating; the returned dossier can still be rated at the kiosk.
    d = a.do_return_result(desk.officer, d, "counter", at=vn(2023, 6, 5, 11, 0))
    a.do_record_rating(desk.officer, d, "very_satisfied", "kiosk", at=vn(2023, 6, 5, 11, 30))
    assert sorted(Rating.objects.values_list("channel", "value")) == [("kiosk", "very_satisfied"), ("paper", "satisfied")]


def test_the_database_refuses_a_second_rating_of_a_channel(desk):
    d = decided(desk)
    Rating.objects.create(dossier=d, value="satisfied", channel="online")
    with pytest.raises(IntegrityError), transaction.atomic():
        Rating.objects.create(dossier=d, value="unsatisfied", channel="online")
    # Ratings loaded without a channel (the exchange allows it) are not limited.
    Rating.objects.create(dossier=d, value="satisfied", channel="")
    Rating.objects.create(dossier=d, value="satisfied", channel="")
    assert Rating.objects.count() == 3
