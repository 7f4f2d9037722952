"""Notices to citizens: an SMS and/or an e-mail on receipt, supplement request, apology, result and refusal.

- The applicant chooses the channels at intake (Dossier.notify_sms / notify_email; the field and its
  check for any intake form: motcua.notices.forms).
- On each committed event of those kinds (motcua.dossiers.events.dossier_event_committed) the
  receiver writes Notice rows (motcua.notices.models) and queues their sending; the worker sends
  them with retries (motcua.notices.sending, .tasks); texts: motcua.notices.texts; SMS providers:
  motcua.notices.sms.
- Shown on the desk dossier page and in its history (motcua.notices.display); administrators list
  the failed ones and send them again at /quan-tri/thong-bao/ (motcua.notices.views).
"""
