namespace Brigade.AppHost;

static class Help
{
    public const string Text = """
        usage: ./brigade <command>

          up [--detach] [--only a,b] [--replicas svc=N,...] [--no-build] [--no-dashboard]
                             build, start PostgreSQL, RabbitMQ, Redis, the Aspire dashboard and every service,
                             wait until ready; stays in the foreground (Ctrl-C stops everything) unless --detach.
                             --only none starts no services (and no dashboard). When some already run, starts only
                             what is not running (a crashed service, one --only left out) and leaves the rest as it is.
          restart <service> [--no-build]
                             stop one service or replica (reservations-2) and start it again with the same environment,
                             after building its project; also starts one that crashed. Waits until it is ready.
          down               stop everything that was started (services, dashboard, RabbitMQ, epmd, Redis, PostgreSQL)
          status             recorded processes, alive or dead, and each service's /health/ready
          logs <name> [-f]   print (or follow) .brigade/logs/<name>.log
          infra up|down|status
                             only PostgreSQL, RabbitMQ and Redis; writes .brigade/infra.env
          events dead-letters|replay|discard|outbox ...
                             the event bus's operator surface on a running platform (./brigade events for usage)
          test [filter]      build, then run every project under tests/ (dotnet test --filter syntax), the web
                             app's tests and deploy/validate.sh (a filter containing web / deploy selects those)
          help               this text

        environment: BRIGADE_STATE_DIR (default <repo>/.brigade), BRIGADE_PORT_OFFSET (added to every port),
                     BRIGADE_ADMIN_PASSWORD (local admin password)
        """;
}
