using System.Security.Cryptography;
using System.Text;
using CspAlerts.Diagnostics;
using CspAlerts.Evaluation;
using CspAlerts.Mail;

namespace CspAlerts.Web;

/// <summary>
/// The working rule set and email templates, reloaded when the rules folder changes. A folder that
/// does not validate never replaces the working set: its errors are kept for the rules page.
/// </summary>
public sealed partial class RuleSet(ServeOptions options, ILogger<RuleSet> logger)
{
    private readonly Lock _gate = new();
    private (ExceptionEngine Engine, MessageTemplates Templates, DateTimeOffset At)? _working;
    private string? _signature;

    /// <summary>The errors of the latest attempt to load the folder, empty when it loaded; and when that was.</summary>
    public (IReadOnlyList<string> Errors, DateTimeOffset At)? LastFailure { get; private set; }

    public (ExceptionEngine Engine, MessageTemplates Templates, DateTimeOffset At) Working
    {
        get
        {
            lock (_gate)
            {
                return _working ?? throw new InvalidOperationException("The rules have not been loaded.");
            }
        }
    }

    public bool IsLoaded
    {
        get
        {
            lock (_gate)
            {
                return _working is not null;
            }
        }
    }

    /// <summary>Loads the folder when it changed since the last look; returns whether the working set changed.</summary>
    public bool Refresh()
    {
        var signature = Signature();
        lock (_gate)
        {
            if (signature == _signature)
            {
                return false;
            }

            _signature = signature;
        }

        try
        {
            var engine = options.LoadEngine();
            var templates = options.LoadTemplates();
            lock (_gate)
            {
                _working = (engine, templates, options.Clock.GetUtcNow());
                LastFailure = null;
            }

            Log.RulesLoaded(logger, options.RulesPath, engine.Rules.Rules.Count);
            return true;
        }
        catch (ConfigurationRejectedException e)
        {
            lock (_gate)
            {
                LastFailure = ([.. e.Errors.Select(x => x.ToString())], options.Clock.GetUtcNow());
            }

            Log.RulesRejected(logger, options.RulesPath, e.Errors.Count, _working is null ? "none is loaded yet" : "the working rules stay in use");
            return false;
        }
    }

    /// <summary>What the rules folder holds now: every file's path, size and time, hashed.</summary>
    private string Signature()
    {
        var folder = options.FullPath(options.RulesPath);
        var text = new StringBuilder();
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var info = new FileInfo(file);
                text.Append(file).Append('|').Append(info.Length).Append('|').Append(info.LastWriteTimeUtc.Ticks).Append('\n');
            }
        }

        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private static partial class Log
    {
        [LoggerMessage(Level = LogLevel.Information, Message = "Rules loaded from {Folder}: {Rules} rules")]
        public static partial void RulesLoaded(ILogger logger, string folder, int rules);

        [LoggerMessage(Level = LogLevel.Warning, Message = "Rules in {Folder} rejected with {Errors} error(s); {Outcome}")]
        public static partial void RulesRejected(ILogger logger, string folder, int errors, string outcome);
    }
}
