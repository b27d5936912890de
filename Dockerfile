# One image for web (gunicorn; its config is ogptracker/gunicorn.conf.py), worker and beat (celery).
# Build: docker compose build
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PYTHONPATH=/app

WORKDIR /app

# Dependencies first, from the pinned list in pyproject.toml, so code changes reuse this layer.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > /tmp/requirements.txt \
    && pip install -r /tmp/requirements.txt \
    && rm /tmp/requirements.txt

COPY manage.py README.md ./
COPY ogptracker ./ogptracker
COPY commitments ./commitments
COPY reviews ./reviews
COPY templates ./templates
COPY static ./static
COPY locale ./locale

# Static files are collected at build time (hashed names); docker-compose.yml collects them again
# into the volume nginx serves them from, and whitenoise serves them when nginx is not in front.
RUN DEBUG=0 SECRET_KEY=collectstatic-at-build-only python manage.py collectstatic --noinput \
    && useradd --system --uid 1000 --home-dir /app ogp \
    && mkdir -p /app/media /var/lib/ogptracker/beat /tmp/ogptracker-uploads \
    && chown -R ogp /app/media /var/lib/ogptracker /tmp/ogptracker-uploads

USER ogp
EXPOSE 8000

# The web command; docker-compose.yml runs migrations first and gives worker and beat their own.
CMD ["gunicorn", "ogptracker.wsgi:application", "--config", "ogptracker/gunicorn.conf.py"]
