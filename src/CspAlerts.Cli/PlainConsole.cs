using Spectre.Console;

namespace CspAlerts.Cli;

/// <summary>A Spectre console that writes plain text to a writer at a fixed width: no colour, no escape codes, no prompts, so tables read the same in a terminal, a file or a test.</summary>
internal static class PlainConsole
{
    public static IAnsiConsole For(TextWriter output, int width)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = width;
        return console;
    }
}
