using DurableTask.Core;

namespace MusicFunctions.Testing.Engine;

/// <summary>
/// Gives DurableTask.Core a new shim for every work item. A shim keeps the state of the execution it
/// runs, so one shared instance (what <c>NameValueObjectCreator</c> hands out) mixes up concurrent
/// replays and fails them with "Non-Deterministic workflow detected".
/// </summary>
public sealed class FreshShimCreator<T> : ObjectCreator<T>
{
    private readonly Func<T> _create;

    public FreshShimCreator(string name, Func<T> create)
    {
        Name = name;
        Version = "";
        _create = create;
    }

    public override T Create() => _create();
}
