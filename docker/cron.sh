#!/bin/sh
# The `cron` service: the app image running the site's scheduled jobs, without a cron
# daemon (nothing extra to install, runs as the same non-root user, logs to stdout).
#
#   every PUBLISH_EVERY_MINUTES (5)   publish_scheduled      scheduled publishing/unpublishing
#   daily at SYNC_TRIALS_AT (02:30)   sync_trials            refresh trials from ClinicalTrials.gov
#   daily at REMINDERS_AT (07:00)     send_review_reminders  e-mail pages due for medical review
#   daily at PURGE_REQUESTS_AT (03:15) purge_requests       delete families' requests past retention
#   daily at BACKUP_AT (unset: off)   backup_site            database + media into /app/backups
#   daily at FEEDBACK_CLEANUP_AT (03:45)  delete_old_feedback_comments  page feedback comments past retention
#
# Times are in TZ (the container's time zone). A job that fails is logged and retried at
# its next slot. Each job runs on its own, in the background: a slow one (a sync against
# a slow registry) delays no other job, and it never runs twice at once, because each
# holds a lock (flock) that a second start of the same job finds taken and skips.
# Touches /tmp/cron-heartbeat every 20 s for the compose health check.
set -u

PUBLISH_EVERY_MINUTES="${PUBLISH_EVERY_MINUTES:-5}"
SYNC_TRIALS_AT="${SYNC_TRIALS_AT:-02:30}"
REMINDERS_AT="${REMINDERS_AT:-07:00}"
PURGE_REQUESTS_AT="${PURGE_REQUESTS_AT:-03:15}"
BACKUP_AT="${BACKUP_AT:-}"
FEEDBACK_CLEANUP_AT="${FEEDBACK_CLEANUP_AT:-03:45}"

LOCK_DIR="${CRON_LOCK_DIR:-/tmp}"

run() {
    (
        # Closed with the job, so a crashed job leaves no stale lock behind.
        if ! flock -n 9; then
            echo "cron: $(date -Iseconds) SKIPPED $1: the previous run is still going" >&2
            exit 0
        fi
        echo "cron: $(date -Iseconds) running $*"
        if python manage.py "$@"; then
            echo "cron: $(date -Iseconds) done $1"
        else
            echo "cron: $(date -Iseconds) FAILED $1 (exit $?)" >&2
        fi
    ) 9>"$LOCK_DIR/cron-$1.lock" &
}

last_minute=""
while true; do
    touch /tmp/cron-heartbeat
    now=$(date +%H:%M)
    if [ "$now" != "$last_minute" ]; then
        last_minute="$now"
        minute=$(date +%M | sed 's/^0//')
        if [ $(( ${minute:-0} % PUBLISH_EVERY_MINUTES )) -eq 0 ]; then
            run publish_scheduled
        fi
        [ "$now" = "$SYNC_TRIALS_AT" ] && run sync_trials
        [ "$now" = "$REMINDERS_AT" ] && run send_review_reminders
        [ "$now" = "$PURGE_REQUESTS_AT" ] && run purge_requests
        [ -n "$BACKUP_AT" ] && [ "$now" = "$BACKUP_AT" ] && run backup_site --output-dir /app/backups
        [ "$now" = "$FEEDBACK_CLEANUP_AT" ] && run delete_old_feedback_comments
    fi
    sleep 20
done
