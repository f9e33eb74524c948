using CspAlerts.Core.Tests.Support;

namespace CspAlerts.Core.Tests.Ingest;

/// <summary>Paths of the good dataset fixtures in TestData/datasets, as error texts show them.</summary>
internal static class DatasetFiles
{
    public static string Path(string name) => $"{TestFiles.Root}/datasets/{name}";
}
