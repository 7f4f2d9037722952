"""`{{ job.label|job_text }}`: a job's stored text in the page's language (motcua.jobs.display)."""

from django import template

from motcua.jobs.display import job_text as _job_text

register = template.Library()


@register.filter
def job_text(text) -> str:
    return _job_text(text)
