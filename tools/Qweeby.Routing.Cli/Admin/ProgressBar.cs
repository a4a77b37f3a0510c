using System.Globalization;

namespace Qweeby.Routing.Cli.Admin;

/// <summary>
/// Progress of a long upload, on stderr: a bar redrawn in place on a terminal, a line every 25 % otherwise
/// (so logs stay readable).
/// </summary>
internal sealed class ProgressBar(TextWriter error, long total, bool interactive)
{
    private const int Width = 30;
    private int _shown = -1;

    public void Report(long done)
    {
        var percent = total <= 0 ? 100 : (int)Math.Min(100, done * 100 / total);
        if (interactive ? percent == _shown : percent / 25 == _shown / 25 && _shown >= 0)
            return;
        _shown = percent;
        var filled = percent * Width / 100;
        var line = string.Create(CultureInfo.InvariantCulture,
            $"[{new string('#', filled)}{new string(' ', Width - filled)}] {percent,3}% {done / 1024.0 / 1024.0:0.0}/{total / 1024.0 / 1024.0:0.0} MiB");
        if (interactive)
            error.Write($"\r{line}");
        else
            error.WriteLine(line);
    }

    public void Done(string note)
    {
        if (interactive)
            error.WriteLine();
        error.WriteLine(note);
    }
}
