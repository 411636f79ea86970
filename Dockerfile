# syntax=docker/dockerfile:1
# skim as a container: a static binary built with the official Go image, run
# as non-root on distroless (CA certificates, no shell, no curl).
#
#   docker build -t skim .
#   docker run --rm -p 8080:8080 skim
#
# The go build line below is the one .ci/e2e/run.sh (CI) and the README use;
# .ci/repo_test.go fails if they drift apart.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
# go.mod replaces go-dateparser with this in-repo module: it must be there to download.
COPY summarize/extract/internal/dateparser ./summarize/extract/internal/dateparser
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o /out/skim ./cmd/skim

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/skim /skim
USER nonroot:nonroot
# skim serve listens on SKIM_ADDR; skim healthcheck probes /healthz there.
ENV SKIM_ADDR=:8080
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD ["/skim", "healthcheck"]
ENTRYPOINT ["/skim", "serve"]
