"""Gunicorn settings for eenplan: `gunicorn -c deploy/gunicorn.conf.py`.

Sized for a small machine (two cores): a few processes, each with a handful of threads, because most
of a request's time is spent waiting for the database. Override any value on the command line
(`--bind`, `--workers`, `--threads`) or through gunicorn's own GUNICORN_CMD_ARGS.
"""

wsgi_app = "eenplan.wsgi:application"

# Loopback only: in production a TLS-terminating proxy sits in front and forwards to this address.
bind = "127.0.0.1:8000"
worker_class = "gthread"
workers = 3
threads = 4
# Keep-alive between the proxy and gunicorn saves a TCP handshake per request.
keepalive = 5
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so a slow leak never grows without bound.
max_requests = 5000
max_requests_jitter = 500
# Load the application once in the master, so workers share memory and start fast.
preload_app = True

accesslog = "-"
errorlog = "-"
# No query strings in the access log: search terms could contain names.
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
