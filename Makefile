# Centric: `make demo` runs the product, `make test` runs the tests. Both start with `make install`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.9
UV := .tools/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
# the production-mode suite: the real PostgreSQL, RabbitMQ and Redis on this machine
PROD_ENV := CENTRIC_MODE=production \
	DATABASE_URL=$${TEST_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test} \
	CELERY_BROKER_URL=$${TEST_BROKER_URL:-amqp://guest:guest@127.0.0.1:5672//} \
	REDIS_URL=$${TEST_REDIS_URL:-redis://127.0.0.1:6379/0} \
	SECRET_KEY=production-mode-test-key-that-is-long-enough-to-pass-the-checks-0123456789 \
	SECURE_HTTPS=false

.PHONY: install demo demo-reset serve worker scheduler test test-fast test-browser test-production lint format bench-setup bench-insights bench-insights-pipeline bench-import bench-respond bench-cases clean

install: $(VENV)/.installed

$(UV):
	$(PYTHON) -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

# a no-op unless the lock file or the project's metadata changed
$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	touch $@

demo: install
	$(BIN)/python manage.py rundemo $(DEMO_ARGS)

demo-reset: install
	rm -rf data
	$(BIN)/python manage.py rundemo

serve: install
	$(BIN)/python manage.py collectstatic --noinput -v0
	bind=$${BIND:-0.0.0.0:8000}; $(BIN)/granian --interface wsgi --host $${bind%:*} --port $${bind##*:} \
		--workers $${WEB_CONCURRENCY:-2} --blocking-threads $${WEB_THREADS:-8} --workers-kill-timeout 30 --access-log \
		config.wsgi:application

# as many workers as the work needs, on as many machines; the periodic tasks come from `make scheduler`
worker: install
	$(BIN)/celery -A config worker --loglevel=INFO --concurrency=$${WORKER_CONCURRENCY:-2}

# exactly one per installation: it sends the periodic tasks (SLA escalation, reminders, closing
# surveys, spike alerts) to the workers, keeping its state in CENTRIC_DATA_DIR
scheduler: install
	$(BIN)/celery -A config beat --loglevel=INFO

test: install
	$(BIN)/pytest -q -m "not production"

test-fast: install
	$(BIN)/pytest -q -m "not production and not browser"

test-browser: install
	$(BIN)/pytest -q -m browser

test-production: install
	$(PROD_ENV) $(BIN)/python manage.py collectstatic --noinput -v0
	$(PROD_ENV) $(BIN)/pytest -q -m "not browser" centric tests

lint: install
	$(BIN)/ruff format --check .
	$(BIN)/ruff check .
	$(BIN)/mypy .
	$(BIN)/lint-imports
	$(BIN)/djhtml --check $$(find centric -name '*.html')
	$(BIN)/python manage.py makemigrations --check --dry-run

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .
	$(BIN)/djhtml $$(find centric -name '*.html')

bench-setup:
	bash benchmarks/setup_times.sh

# the text engine's accuracy and speed; the embeddings and fine-tuned rows need the optional extra
# (docs/analyze.md); INSIGHTS_ARGS="--engines light,embeddings" leaves out the hour of fine-tuning
bench-insights: install
	$(BIN)/python benchmarks/insights_text.py $(INSIGHTS_ARGS)

# 1,000,000 comments analysed and stored in PostgreSQL (a scratch database, centric_bench_insights)
# by real Celery workers on RabbitMQ and Redis; BENCH_COMMENTS=100000 for a quicker run
bench-insights-pipeline: install
	$(BIN)/python benchmarks/insights_pipeline.py

# survey submissions under load against `make serve` and PostgreSQL (a scratch database,
# centric_bench_respond): 200/s offered in an open loop, then wrk at saturation
bench-respond: install
	$(BIN)/python benchmarks/respond_load.py

# 1,000,000 feedback rows through the real import path on PostgreSQL (a scratch database,
# centric_bench) against PostgreSQL's own COPY, then on SQLite
bench-import: install
	$(PROD_ENV) $(BIN)/python benchmarks/import_feedback.py

# rule routing (in one process and with Celery workers) and the inbox and case page with 100,000
# cases and 1,000,000 responses, in a scratch PostgreSQL database (centric_bench_cases)
bench-cases: install
	$(BIN)/python benchmarks/cases_bench.py

clean:
	rm -rf $(VENV) .tools staticfiles .mypy_cache .ruff_cache
