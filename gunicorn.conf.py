"""gunicorn's settings for ``gunicorn -w 2 app:server`` (gunicorn reads ./gunicorn.conf.py by default).

Why: without ``preload_app`` each worker imports the app and builds it (dataset, payloads, pages) after
the fork, so two builds compete for the machine's two cores and the first 200 waits for both.
Preloaded, the master builds and warms it once (``app.server``) and the workers fork from it —
what ``python app.py serve`` does (``serving.run_gunicorn``). Nothing the build leaves behind is
shared unsafely: its thread pool is shut down before the fork, and it keeps no file open.
The timeout is ``app.py serve``'s too: a PowerPoint export renders every scene's map in its request.
"""

preload_app = True
timeout = 240
