using System.Diagnostics;
using RancherHaproxy.Tests.EndToEnd;

namespace RancherHaproxy.Bench;

/// <summary>The churn: stable stacks moving and scaling 1→3→1, review stacks coming and going.</summary>
internal sealed partial class SoakWorld
{
    /// <summary>One stable stack changes: a single container moves to a new address (same uuid) or scales to 3; three scale back to 1.</summary>
    public async Task<string> ChangeStableAsync()
    {
        var stack = StableStacks[Next(StableStacks.Length)];
        List<SoakContainer> current;
        lock (_gate)
        {
            current = [.. _containers.Where(container => container.Stack == stack)];
        }

        string what;
        if (current.Count > 1)
        {
            lock (_gate)
            {
                foreach (var extra in current.Skip(1))
                {
                    _containers.Remove(extra);
                    Retire(extra.Address);
                }
            }

            what = $"{stack} scaled {current.Count}->1";
        }
        else if (Next(2) == 0)
        {
            // The new address answers before the old one leaves, in one step: a publish in between
            // (the review churn's) would otherwise show the stack with no container at all.
            var moved = current[0];
            var now = await AddStableAsync(stack, moved.Uuid, replacing: moved);
            what = $"{stack} moved {moved.Address} -> {now.Address}";
        }
        else
        {
            await AddStableAsync(stack);
            await AddStableAsync(stack);
            what = $"{stack} scaled 1->3";
        }

        Publish();
        return what;
    }

    /// <summary>A new review stack (1–3 containers, some with .hosts, some protected, some unhealthy first); due heals and ends; one publish.</summary>
    public void ReviewTick(SoakSchedule schedule, bool create)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_gate)
        {
            foreach (var (stack, (ends, heals)) in _reviewStacks.ToList())
            {
                if (now >= ends)
                {
                    _containers.RemoveAll(container => container.Stack == stack);
                    _reviewStacks.Remove(stack);
                }
                else if (heals != 0 && now >= heals)
                {
                    var healed = _containers.Where(container => container.Stack == stack && container.Health is not null).ToList();
                    foreach (var container in healed)
                    {
                        _containers[_containers.IndexOf(container)] = container with { Health = "healthy" };
                    }

                    _reviewStacks[stack] = (ends, 0);
                }
            }

            if (create)
            {
                AddReviewStack(schedule, now);
            }
        }

        Publish();
    }

    /// <summary>Stops the backends whose grace after leaving metadata is over.</summary>
    public async Task StopRetiredAsync()
    {
        List<(long At, BackendListener Backend)> due;
        lock (_gate)
        {
            due = [.. _retiring.Where(retiring => Stopwatch.GetElapsedTime(retiring.At) >= SoakSchedule.RetireAfter)];
            _retiring.RemoveAll(due.Contains);
        }

        foreach (var (_, backend) in due)
        {
            await backend.DisposeAsync();
        }
    }

    private int Next(int below)
    {
        lock (_gate)
        {
            return _random.Next(below);
        }
    }

    private void AddReviewStack(SoakSchedule schedule, long now)
    {
        var stack = $"rv{++_reviewCount:D4}";
        var lifetime = schedule.ReviewLifetimeMin + ((schedule.ReviewLifetimeMax - schedule.ReviewLifetimeMin) * _random.NextDouble());
        var unhealthyFirst = _random.Next(4) == 0;
        var withHosts = _random.Next(3) == 0;
        var isProtected = _random.Next(4) == 0;
        var count = 1 + _random.Next(3);
        for (var index = 0; index < count; index++)
        {
            var backend = _reviewPool[_random.Next(_reviewPool.Count)];
            var api = withHosts && index == count - 1;
            _containers.Add(new SoakContainer(
                Guid.NewGuid().ToString(), stack, api ? "api" : "web", backend.Address, backend.Port,
                api ? "api-{stack}" : null, isProtected, unhealthyFirst ? "initializing" : null));
        }

        var heals = unhealthyFirst ? now + (long)(Stopwatch.Frequency * (3 + (_random.NextDouble() * 7))) : 0;
        _reviewStacks[stack] = (now + (long)(Stopwatch.Frequency * lifetime.TotalSeconds), heals);
    }
}
