"""Operations: the production web server, backup and restore, log formatting.

`motcua serve` runs gunicorn (serve.py); `motcua backup` / `motcua restore`
write and read one archive with the database and every uploaded file
(archive.py, databases.py).
"""
