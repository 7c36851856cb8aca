using CoreConverter = DurableTask.Core.Serializing.DataConverter;
using SdkConverter = Microsoft.DurableTask.DataConverter;

namespace MusicFunctions.Testing.Engine;

/// <summary>
/// Lets DurableTask.Core's client write orchestration inputs with the converter the worker's shims read
/// them with (System.Text.Json), so attributes such as <c>[JsonPropertyName]</c> mean the same on both sides.
/// </summary>
public sealed class CoreDataConverter(SdkConverter inner) : CoreConverter
{
    public override string Serialize(object value) => inner.Serialize(value) ?? "null";

    public override string Serialize(object value, bool formatted) => Serialize(value);

    public override object Deserialize(string data, Type objectType) =>
        inner.Deserialize(data, objectType) ?? throw new InvalidOperationException($"'{data}' is not a {objectType.Name}.");
}
