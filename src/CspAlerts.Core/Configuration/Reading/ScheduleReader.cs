using System.Globalization;
using CspAlerts.Model;
using Newtonsoft.Json.Linq;

namespace CspAlerts.Configuration.Reading;

/// <summary>Reads the one <c>schedule</c>: PMG meeting dates and how long before each the digest goes out.</summary>
internal sealed class ScheduleReader(ReadContext context)
{
    public Schedule Read()
    {
        var files = context.FilesOf("schedule").ToList();
        if (files.Count == 0)
        {
            return Schedule.Empty;
        }

        var root = (JObject)files[0].Document.Root;
        foreach (var other in files.Skip(1))
        {
            context.Error(
                other.Document.KeyAt((JObject)other.Document.Root, "schedule"),
                $"duplicate schedule (first defined at {files[0].Document.KeyAt(root, "schedule")})");
        }

        if (files[0].Section("schedule") is not JObject schedule)
        {
            return Schedule.Empty;
        }

        var meetings = schedule["pmgMeetings"] is JArray dates
            ? dates.Select(d => DateOnly.ParseExact((string)d!, "yyyy-MM-dd", CultureInfo.InvariantCulture)).Order().ToList()
            : [];
        var daysBefore = schedule["digestDaysBefore"] is { } days ? (int)days : Schedule.Empty.DigestDaysBefore;
        return new Schedule(meetings, daysBefore);
    }
}
