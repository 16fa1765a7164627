using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>The stacks of an answer from the last build's and what changed since.</summary>
internal static partial class RoutingTableBuilder
{
    internal sealed partial class Memo
    {
        /// <summary>Whether the last build finished, and so left what <see cref="TryStacks"/> starts from.</summary>
        private bool _finished;
        private int _build;

        /// <summary>The last build's stacks in name order.</summary>
        private List<StackMemo>? _sorted;
        private List<StackMemo>? _nextSorted;

        /// <summary>The uuid of every container with the port label in the last answer (valid or not).</summary>
        private HashSet<string?> _uuids = new(StringComparer.Ordinal);
        private HashSet<string?> _nextUuids = new(StringComparer.Ordinal);

        /// <summary>The last answer's containers with notices, in uuid order.</summary>
        private List<Kept> _noisy = [];
        private List<Kept> _nextNoisy = [];

        /// <summary>Whether a uuid was listed twice in the last answer: then the order is the service's, and only a whole build decides.</summary>
        private bool _duplicated;
        private bool _nextDuplicated;

        /// <summary>How many builds took their stacks from the last one (tests).</summary>
        internal int Patched { get; private set; }

        /// <summary>
        /// The stacks in name order, each with its containers in uuid order, as <c>Stacks</c> over
        /// <c>SelectLabelledContainers</c> would give them, with the containers' notices: from the last
        /// build's, changed where containers came or left. Null when only a whole build can say (the
        /// last one did not finish, a uuid is or was listed twice, or one object is listed twice), after
        /// <see cref="StartWhole"/>. Every container with the port label is looked up once, and only
        /// new ones are examined; no sort or grouping of the whole answer. With every uuid listed once
        /// the order of both is fixed by the uuids alone, which is why that is the condition.
        /// </summary>
        internal List<StackMemo>? TryStacks(IReadOnlyList<ContainerDto> containers, RoutingOptions options, List<RoutingNotice> notices)
        {
            var build = ++_build;
            if (_sorted is null || _duplicated || !Listed(containers, options, build, out var misses, out var hits))
            {
                StartWhole();
                return null;
            }

            var removed = new List<(ContainerDto Container, Kept Kept)>();
            if (hits < _containers.Count)
            {
                foreach (var (container, kept) in _containers)
                {
                    if (kept.Build != build)
                    {
                        removed.Add((container, kept));
                    }
                }
            }

            if (!UuidsStayDistinct(removed, misses))
            {
                StartWhole();
                return null;
            }

            _nextContainers = new Dictionary<ContainerDto, Kept>(_containers);
            foreach (var (container, kept) in removed)
            {
                _nextContainers.Remove(container);
                _uuids.Remove(kept.Uuid);
            }

            // The new containers, examined in uuid order (their notices come in that order).
            misses.Sort((left, right) => string.CompareOrdinal(left.Container.Uuid, right.Container.Uuid));
            var came = new List<Kept>(misses.Count);
            foreach (var (container, portLabel) in misses)
            {
                Examine(container, portLabel, options, [], this);
                var kept = _nextContainers[container];
                kept.Build = build;
                came.Add(kept);
                _uuids.Add(container.Uuid);
            }

            var noisy = Noisy(build, came);
            foreach (var kept in noisy)
            {
                notices.AddRange(kept.Examined.Notices);
            }

            _nextSorted = Patch(_sorted, removed.Select(pair => pair.Kept).Where(kept => kept.Examined.Candidate is not null).ToList(), came, options);
            (_nextUuids, _nextNoisy, _nextDuplicated) = (_uuids, noisy, false);
            Taken = (hits, 0);
            Patched++;
            return _nextSorted;
        }

        /// <summary>A container with the port label, as <c>SelectLabelledContainers</c> went through it in uuid order (a whole build).</summary>
        internal void Saw(ContainerDto container)
        {
            _nextDuplicated |= !_nextUuids.Add(container.Uuid);
            if (_nextContainers.TryGetValue(container, out var kept) && kept.Examined.Notices.Length > 0)
            {
                _nextNoisy.Add(kept);
            }
        }

        /// <summary>The stacks a whole build grouped, in name order.</summary>
        internal void Grouped(List<StackMemo> stacks) => _nextSorted = stacks;

        /// <summary>Each container with the port label stamped with this build; the ones the last build did not know, with that label; false when one object is listed twice.</summary>
        private bool Listed(
            IReadOnlyList<ContainerDto> containers, RoutingOptions options, int build, out List<(ContainerDto Container, string? PortLabel)> misses, out int hits)
        {
            (misses, hits) = ([], 0);
            foreach (var container in containers)
            {
                if (container.Labels is null || !container.Labels.TryGetValue(options.PortLabel, out var portLabel))
                {
                    continue;
                }

                if (!_containers.TryGetValue(container, out var kept))
                {
                    misses.Add((container, portLabel));
                    continue;
                }

                if (kept.Build == build)
                {
                    return false;
                }

                kept.Build = build;
                hits++;
            }

            return true;
        }

        /// <summary>Whether every uuid is still listed once with these containers gone and those come.</summary>
        private bool UuidsStayDistinct(List<(ContainerDto Container, Kept Kept)> removed, List<(ContainerDto Container, string? PortLabel)> misses)
        {
            var leaving = new HashSet<string?>(removed.Count, StringComparer.Ordinal);
            foreach (var (_, kept) in removed)
            {
                leaving.Add(kept.Uuid);
            }

            var coming = new HashSet<string?>(misses.Count, StringComparer.Ordinal);
            foreach (var (container, _) in misses)
            {
                if (!coming.Add(container.Uuid) || (_uuids.Contains(container.Uuid) && !leaving.Contains(container.Uuid)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The containers with notices that are still listed, and the new ones with notices, in uuid order.</summary>
        private List<Kept> Noisy(int build, List<Kept> came)
        {
            var noisy = new List<Kept>(_noisy.Count + came.Count);
            var next = 0;
            foreach (var kept in _noisy)
            {
                if (kept.Build != build)
                {
                    continue;
                }

                for (; next < came.Count && string.CompareOrdinal(came[next].Uuid, kept.Uuid) < 0; next++)
                {
                    AddIfNoisy(noisy, came[next]);
                }

                noisy.Add(kept);
            }

            for (; next < came.Count; next++)
            {
                AddIfNoisy(noisy, came[next]);
            }

            return noisy;
        }

        private static void AddIfNoisy(List<Kept> noisy, Kept kept)
        {
            if (kept.Examined.Notices.Length > 0)
            {
                noisy.Add(kept);
            }
        }

        /// <summary>
        /// The last build's stacks with those that lost or gained containers made again (a stack left
        /// with none is gone), in name order; every other stack is the same object, as <see cref="For"/> keeps it.
        /// </summary>
        private List<StackMemo> Patch(List<StackMemo> sorted, List<Kept> left, List<Kept> came, RoutingOptions options)
        {
            var leaving = new HashSet<LabelledContainer>(ReferenceEqualityComparer.Instance);
            var changed = new SortedDictionary<string, List<LabelledContainer>>(StringComparer.Ordinal);
            foreach (var kept in left)
            {
                leaving.Add(kept.Examined.Candidate!);
                Members(changed, kept.Examined.Candidate!.Stack);
            }

            foreach (var kept in came)
            {
                if (kept.Examined.Candidate is { } candidate)
                {
                    Members(changed, candidate.Stack).Add(candidate);
                }
            }

            _nextStacks = new Dictionary<string, StackMemo>(_stacks, StringComparer.Ordinal);
            var patched = new List<StackMemo>(sorted.Count + changed.Count);
            var from = 0;
            foreach (var (name, coming) in changed)
            {
                var at = IndexOf(sorted, name);
                var position = at >= 0 ? at : ~at;
                for (; from < position; from++)
                {
                    patched.Add(sorted[from]);
                }

                from = at >= 0 ? at + 1 : position;
                var members = at >= 0 ? sorted[at].Stack.Containers.Where(container => !leaving.Contains(container)).ToList() : [];
                members.AddRange(coming);
                members.Sort((left, right) => string.CompareOrdinal(left.Uuid, right.Uuid));
                if (members.Count == 0)
                {
                    _nextStacks.Remove(name);
                    continue;
                }

                var stack = NewStack(name, members, options);
                _nextStacks[name] = stack;
                patched.Add(stack);
            }

            for (; from < sorted.Count; from++)
            {
                patched.Add(sorted[from]);
            }

            return patched;
        }

        private static List<LabelledContainer> Members(SortedDictionary<string, List<LabelledContainer>> changed, string stack)
        {
            if (!changed.TryGetValue(stack, out var members))
            {
                changed[stack] = members = [];
            }

            return members;
        }

        /// <summary>Where the stack named <paramref name="name"/> is in <paramref name="sorted"/>, or the complement of where it would go.</summary>
        private static int IndexOf(List<StackMemo> sorted, string name)
        {
            var (low, high) = (0, sorted.Count - 1);
            while (low <= high)
            {
                var middle = low + ((high - low) / 2);
                var order = string.CompareOrdinal(sorted[middle].Stack.Name, name);
                if (order == 0)
                {
                    return middle;
                }

                (low, high) = order < 0 ? (middle + 1, high) : (low, middle - 1);
            }

            return ~low;
        }
    }
}
