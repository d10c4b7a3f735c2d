using System.Collections.Immutable;

namespace DapPanel.Bench.Floor;

/// <summary>A singleton that tells every subscribed circuit of a change, and nothing else.</summary>
public sealed class Notifier
{
    ImmutableList<Func<Task>> subscribers = [];

    public IDisposable Subscribe(Func<Task> onChanged)
    {
        ImmutableInterlocked.Update(ref subscribers, list => list.Add(onChanged));
        return new Subscription(() => ImmutableInterlocked.Update(ref subscribers, list => list.Remove(onChanged)));
    }

    public void Publish()
    {
        foreach (var subscriber in subscribers) _ = subscriber();
    }

    sealed class Subscription(Action dispose) : IDisposable
    {
        public void Dispose() => dispose();
    }
}
