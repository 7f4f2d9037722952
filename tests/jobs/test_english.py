"""The job pages' worker texts in English: the queued job with no worker, the job of a worker that died."""

import pytest

from motcua.jobs.execution import start_job
from motcua.jobs.models import Job, Status
from motcua.jobs.workers import STALE_MESSAGE
from tests.english import vietnamese_finder
from tests.factories import make_tree, make_user

pytestmark = pytest.mark.django_db
# The job's label and the unit's name are data; the language menu names Vietnamese in Vietnamese.
vietnamese_left = vietnamese_finder(["Đọc báo cáo", "Huyện Hoằng Hóa", "Tiếng Việt"])


@pytest.fixture
def english(client):
    _, district, *_ = make_tree()
    officer = make_user("huyen", district, "oversight")
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    return client, officer


def test_a_job_waiting_for_a_worker_in_english(english):
    client, officer = english
    job = start_job("doc", officer, "tests.jobs.work.count_files", label="Đọc báo cáo", names=[])
    response = client.get(f"/tac-vu/{job.pk}/")
    assert "no background worker is running" in response.content.decode()
    assert vietnamese_left(response) == []


def test_the_job_of_a_dead_worker_in_english(english):
    client, officer = english
    job = start_job("doc", officer, "tests.jobs.work.count_files", label="Đọc báo cáo", names=[])
    Job.objects.filter(pk=job.pk).update(status=Status.FAILED, error=STALE_MESSAGE)
    response = client.get(f"/tac-vu/{job.pk}/")
    assert "the background worker running it stopped" in response.content.decode()
    assert vietnamese_left(response) == []
