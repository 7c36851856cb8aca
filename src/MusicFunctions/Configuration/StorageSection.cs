using Microsoft.Extensions.Configuration;

namespace MusicFunctions.Configuration;

/// <summary>Helpers for storage connection settings in the shape Microsoft.Extensions.Azure reads.</summary>
public static class StorageSection
{
    /// <summary>A copy of an identity-based section with <c>serviceUri</c> set, credential settings kept.</summary>
    public static IConfiguration WithServiceUri(IConfigurationSection section, string serviceUri)
    {
        var values = section.AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value);
        values["serviceUri"] = serviceUri;
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }
}
