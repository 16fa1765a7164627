using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Routing;

/// <summary>What a build may take from the one before it.</summary>
internal static partial class RoutingTableBuilder
{
    /// <summary>
    /// What one <see cref="Build"/> computed per container and per stack, for the next: the reader
    /// hands back the very same <see cref="ContainerDto"/> for a container whose bytes did not change
    /// (ContainerStreamReader), so a container examined before (validation, hosts, server) and a stack
    /// whose containers, claims and backend name are as before (backends, status, protection) are
    /// taken as they were, their notices replayed in the same order. Only pure functions of those
    /// keys are kept: a build with a memo gives what one without gives (a test compares them over
    /// random answers). Each build keeps only what it used, so what left is forgotten. One build at a
    /// time (the sync loop's).
    /// </summary>
    internal sealed partial class Memo
    {
        private RoutingOptions? _options;
        private Dictionary<ContainerDto, Kept> _containers = [];
        private Dictionary<string, StackMemo> _stacks = new(StringComparer.Ordinal);
        private Dictionary<ContainerDto, Kept> _nextContainers = [];
        private Dictionary<string, StackMemo> _nextStacks = new(StringComparer.Ordinal);

        /// <summary>How many containers and stacks the last build took as they were (tests, the breakdown).</summary>
        internal (int Containers, int Stacks) Taken { get; private set; }

        /// <summary>Before a build with <paramref name="options"/>: what the last build kept stays readable, with other options nothing.</summary>
        internal void Start(RoutingOptions options)
        {
            if (!ReferenceEquals(options, _options))
            {
                (_options, _containers, _stacks, _sorted) = (options, [], new(StringComparer.Ordinal), null);
            }

            if (!_finished)
            {
                _sorted = null; // a build that did not finish may have left the rest half changed
            }

            _finished = false;
            Taken = (0, 0);
        }

        /// <summary>Before a build that selects and groups every container (<see cref="TryStacks"/> could not).</summary>
        internal void StartWhole()
        {
            _nextContainers = new(_containers.Count);
            _nextStacks = new(_stacks.Count, StringComparer.Ordinal);
            (_nextUuids, _nextNoisy, _nextDuplicated) = (new(_uuids.Count, StringComparer.Ordinal), [], false);
        }

        /// <summary>After the build: what it used is what the next one finds.</summary>
        internal void Finish()
        {
            (_containers, _stacks, _nextContainers, _nextStacks) = (_nextContainers, _nextStacks, [], new(StringComparer.Ordinal));
            (_sorted, _uuids, _noisy, _duplicated) = (_nextSorted, _nextUuids, _nextNoisy, _nextDuplicated);
            (_nextSorted, _finished) = (null, true);
        }

        internal bool TryGet(ContainerDto container, out Examined examined)
        {
            if (!_containers.TryGetValue(container, out var kept))
            {
                examined = null!;
                return false;
            }

            _nextContainers.TryAdd(container, kept);
            examined = kept.Examined;
            Taken = (Taken.Containers + 1, Taken.Stacks);
            return true;
        }

        internal void Add(ContainerDto container, Examined examined) => _nextContainers.TryAdd(container, new Kept(container.Uuid, examined));

        /// <summary>A stack built as the last build built it.</summary>
        internal void TookStack() => Taken = (Taken.Containers, Taken.Stacks + 1);

        /// <summary>The last build's memo of a stack with these very containers, kept for the next; else a new one.</summary>
        internal StackMemo For(string stack, List<LabelledContainer> containers, RoutingOptions options)
        {
            if (!_stacks.TryGetValue(stack, out var memo) || !memo.SameContainers(containers))
            {
                memo = NewStack(stack, containers, options);
            }

            _nextStacks[stack] = memo;
            return memo;
        }
    }

    /// <summary>What the memo keeps of a container: its uuid, what <c>Examine</c> found, and the last build that listed it.</summary>
    internal sealed class Kept(string? uuid, Examined examined)
    {
        public string? Uuid { get; } = uuid;

        public Examined Examined { get; } = examined;

        public int Build { get; set; }
    }

    /// <summary>A container as <c>Examine</c> found it (null: not in a valid stack), and the notices it gave.</summary>
    internal sealed record Examined(LabelledContainer? Candidate, RoutingNotice[] Notices);

    /// <summary>A stack's containers, its own claims, and what it built last from which hosts and backend name.</summary>
    internal sealed class StackMemo(KnownStack stack, List<HostClaim> ownClaims)
    {
        public KnownStack Stack { get; } = stack;

        public List<HostClaim> OwnClaims { get; } = ownClaims;

        /// <summary>The stack's name in lower case, and its backend's name when no other stack's is the same in lower case (see <see cref="BackendNames"/>).</summary>
        public string LowerName { get; } = stack.Name.ToLowerInvariant();

        public string PlainBackendName => _plainBackendName ??= BackendNames.Prefix + LowerName;

        private string? _plainBackendName;

        public (List<HostClaim> Owned, string BackendName, List<StackBackend> Backends, StackStatus Status, RoutingNotice[] Notices)? Built { get; set; }

        public bool SameContainers(List<LabelledContainer> containers)
        {
            if (containers.Count != Stack.Containers.Count)
            {
                return false;
            }

            for (var index = 0; index < containers.Count; index++)
            {
                if (!ReferenceEquals(containers[index], Stack.Containers[index]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
