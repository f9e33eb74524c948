using System.Net;
using System.Security.Cryptography;
using System.Text;
using Hangfire;
using Hangfire.Dashboard;
using Hangfire.PostgreSql;

namespace CspAlerts.Web;

/// <summary>
/// The service: one ASP.NET Core host with the Hangfire server (in memory, or PostgreSQL for several
/// nodes) and its dashboard at <c>/hangfire</c>, the inbox watcher and job, the digest on the PMG
/// schedule, rules hot reload, <c>/health</c> and the pages. Only local requests are served unless a
/// login is configured; then requests from elsewhere must give it.
/// </summary>
public static class ServeHost
{
    public static WebApplication Build(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ServeHost).Assembly.GetName().Name,
            ContentRootPath = options.BaseDirectory,
            Args = [],
        });
        builder.WebHost.UseUrls(options.Urls);
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(o => o.IncludeScopes = false);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Hangfire", LogLevel.Warning);

        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddSingleton<RuleSet>();
        builder.Services.AddSingleton<SharedState>();
        builder.Services.AddSingleton<Ingest.DatasetCache>();
        builder.Services.AddSingleton<ServiceState>();
        builder.Services.AddSingleton<Board>();
        builder.Services.AddTransient<InboxJob>();
        builder.Services.AddTransient<DigestJob>();
        builder.Services.AddHangfire(c =>
        {
            c.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (options.PostgresConnectionString is { } postgres)
            {
                c.UsePostgreSqlStorage(o => o.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
                {
                    SchemaName = "hangfire",
                    QueuePollInterval = TimeSpan.FromMilliseconds(500),
                    // A job whose node died is run again a minute later; a live node's job stays its own however long it runs.
                    UseSlidingInvisibilityTimeout = true,
                    InvisibilityTimeout = TimeSpan.FromMinutes(1),
                });
            }
            else
            {
                c.UseInMemoryStorage();
            }
        });
        builder.Services.AddHangfireServer(o =>
        {
            o.ServerName = options.NodeName;
            o.WorkerCount = 2;
            o.SchedulePollingInterval = TimeSpan.FromSeconds(1);
        });
        builder.Services.AddHostedService<InboxWatcher>();
        builder.Services.AddHostedService<RulesWatcher>();
        builder.Services.AddRazorPages();
        builder.Services.AddAntiforgery();
        builder.Services.AddHealthChecks();
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(30));

        Directory.CreateDirectory(options.FullPath(options.InboxPath));
        var app = builder.Build();
        var rules = app.Services.GetRequiredService<RuleSet>();
        rules.Refresh();
        if (!rules.IsLoaded)
        {
            throw new Diagnostics.ConfigurationRejectedException(
                rules.LastFailure?.Errors.Select(e => new Diagnostics.ConfigError(new Diagnostics.SourceLocation(options.RulesPath, 1, 1), e)) ?? []);
        }

        app.Use((context, next) => Allowed(context, options) ? next(context) : Refuse(context, options));
        app.MapHealthChecks("/health");
        app.UseHangfireDashboard("/hangfire", new DashboardOptions
        {
            Authorization = [new DashboardGate(options)],
            DashboardTitle = "CspAlerts jobs",
            DisplayStorageConnectionString = false,
        });
        app.UseRouting();
        app.UseAntiforgery();
        app.MapRazorPages();
        app.MapGet("/items/{indicator}/{area}/chart.png", Pages.ItemChart.Render);
        app.MapGet("/items/{indicator}/{area}/spc.png", Pages.ItemChart.RenderSpc);
        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<DigestJob>("pmg-digest", job => job.RunAsync(), Cron.Hourly());
        return app;
    }

    /// <summary>A local request, or one that gives the configured login.</summary>
    internal static bool Allowed(HttpContext context, ServeOptions options)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || IPAddress.IsLoopback(remote))
        {
            return true;
        }

        if (options.Login is not { } login
            || !context.Request.Headers.Authorization.ToString().StartsWith("Basic ", StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            var given = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Convert.FromBase64String(context.Request.Headers.Authorization.ToString()[6..])));
            var expected = Encoding.UTF8.GetBytes($"{login.User}:{login.Password}");
            return CryptographicOperations.FixedTimeEquals(given, expected);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static Task Refuse(HttpContext context, ServeOptions options)
    {
        if (options.Login is not null)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"CspAlerts\", charset=\"UTF-8\"";
            return context.Response.WriteAsync("Sign in to see CspAlerts.");
        }

        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsync("CspAlerts serves only requests from this machine. To serve others, set CSPALERTS_Web__User and CSPALERTS_Web__Password and put TLS in front.");
    }

    private sealed class DashboardGate(ServeOptions options) : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context) => Allowed(context.GetHttpContext(), options);
    }
}
