"""Visitors' comments on articles ("bình luận"), moderated by editors.

The form is guarded by a five-digit verification code ("mã xác thực", django-simple-captcha):
an image, a "new code" button (simple-captcha's JSON refresh endpoint) and, for people who can't
read the image, the same digits spoken in Vietnamese by espeak-ng (flite as a fallback; the link
is hidden when neither is installed). Each code works once; pages take codes from a pool that
`refill_captcha_pool` (a scheduled command) keeps topped up, so a page view writes nothing.
"""
