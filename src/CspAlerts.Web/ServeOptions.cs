using CspAlerts.Evaluation;
using CspAlerts.Mail;
using CspAlerts.Model;
using CspAlerts.Notify;
using CspAlerts.State;

namespace CspAlerts.Web;

/// <summary>
/// What the service needs from its host (the command line): where things are, and how to load the
/// rules, open the state store and reach the mail server, with the settings already applied.
/// </summary>
public sealed record ServeOptions
{
    /// <summary>The addresses to listen on, e.g. <c>http://localhost:5080</c>.</summary>
    public required string Urls { get; init; }

    /// <summary>The folder relative paths are taken from.</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The rules folder, as given (relative to <see cref="BaseDirectory"/> or absolute).</summary>
    public required string RulesPath { get; init; }

    /// <summary>The folder watched for new datasets.</summary>
    public required string InboxPath { get; init; }

    /// <summary>When set, Hangfire keeps its jobs in PostgreSQL (several nodes share the work); in memory otherwise.</summary>
    public string? PostgresConnectionString { get; init; }

    public required string ProtectiveMarking { get; init; }

    /// <summary>Loads and checks the rules folder (throws <see cref="Diagnostics.ConfigurationRejectedException"/>).</summary>
    public required Func<ExceptionEngine> LoadEngine { get; init; }

    /// <summary>Loads and checks the email templates of the rules folder.</summary>
    public required Func<MessageTemplates> LoadTemplates { get; init; }

    /// <summary>Opens the alert state store.</summary>
    public required Func<Task<IStateDatabase>> OpenStore { get; init; }

    /// <summary>The mail transport and policy for a configuration.</summary>
    public required Func<CspConfiguration, (IMailTransport Transport, MailPolicy Policy)> Mail { get; init; }

    /// <summary>This process as an outbox sender.</summary>
    public required OutboxSender Sender { get; init; }

    /// <summary>The clock; tests run the PMG calendar on a fake one.</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>How often the rules folder is looked at, and the inbox when no change event wakes it first.</summary>
    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    /// <summary>How long a file's size and time must stay unchanged before it counts as complete.</summary>
    public TimeSpan SettleTime { get; init; } = DefaultSettleTime;

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultSettleTime = TimeSpan.FromSeconds(1);

    /// <summary>A user name and password that let requests from other machines in (HTTP basic, over TLS in front); without them only local requests are served.</summary>
    public (string User, string Password)? Login { get; init; }

    /// <summary>This node's name, in the logs and the Hangfire dashboard: the machine and process unless set.</summary>
    public string NodeName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    public string FullPath(string path) => Path.GetFullPath(Path.Combine(BaseDirectory, path));
}
