using RancherHaproxy.Discovery.Dto;

namespace RancherHaproxy.Discovery;

/// <summary>The service answers `null` for an empty list, and a list may hold nulls.</summary>
internal static class ContainerList
{
    public static List<ContainerDto> WithoutNulls(List<ContainerDto?>? containers)
    {
        if (containers is null)
        {
            return [];
        }

        var result = new List<ContainerDto>(containers.Count);
        foreach (var container in containers)
        {
            if (container is not null)
            {
                result.Add(container);
            }
        }

        return result;
    }
}
