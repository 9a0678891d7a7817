# The front proxy (docker/nginx.conf) with the app image's collected static files, so
# nginx serves them itself and they always match the app they came with. Compose passes
# the freshly built app image as the `app` build context (additional_contexts), which
# also makes it build first.
FROM nginx:1.27-alpine
COPY --from=app /app/static /srv/static
COPY docker/nginx.conf /etc/nginx/nginx.conf
EXPOSE 80
