using System.Collections;

namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>
/// The answer of an interleaved request: the team-draft picks over the two arms' full rankings. Each item is the
/// picking team's own <see cref="ScoredItem"/> (that model's outputs, score and gates) tagged with the team's arm.
/// Immutable once built.
/// </summary>
public sealed class InterleavedItems : IReadOnlyList<ScoredItem>
{
    private readonly RankedItems _control;
    private readonly RankedItems _treatment;
    private readonly string _controlArm;
    private readonly string _treatmentArm;
    private readonly (Team Team, int Index)[] _picks;

    /// <param name="control">The control model's ranking of every candidate.</param>
    /// <param name="treatment">The treatment model's ranking of every candidate.</param>
    /// <param name="picks">Per answer slot, the picking team and the candidate row it picked.</param>
    /// <param name="controlArm">The control arm's name, the tag of its team's items.</param>
    /// <param name="treatmentArm">The treatment arm's name.</param>
    public InterleavedItems(RankedItems control, RankedItems treatment, IReadOnlyList<TeamPick<int>> picks, string controlArm, string treatmentArm)
    {
        ArgumentNullException.ThrowIfNull(control);
        ArgumentNullException.ThrowIfNull(treatment);
        ArgumentNullException.ThrowIfNull(picks);
        _control = control;
        _treatment = treatment;
        _controlArm = controlArm;
        _treatmentArm = treatmentArm;
        var controlIndex = IndexByRow(control);
        var treatmentIndex = IndexByRow(treatment);
        _picks = [.. picks.Select(p => (p.Team, p.Team == Team.Control ? controlIndex[p.Item] : treatmentIndex[p.Item]))];
    }

    public int Count => _picks.Length;

    public ScoredItem this[int index] => Source(index)[_picks[index].Index] with { Team = ArmOf(index) };

    /// <summary>The team that placed the item at <paramref name="index"/>.</summary>
    public Team TeamOf(int index) => _picks[index].Team;

    /// <summary>The arm name that tags the item at <paramref name="index"/>.</summary>
    public string ArmOf(int index) => _picks[index].Team == Team.Control ? _controlArm : _treatmentArm;

    /// <summary>The request row (candidate position) of the item at <paramref name="index"/>.</summary>
    public int Row(int index) => Source(index).Row(_picks[index].Index);

    public string ItemId(int index) => Source(index).ItemId(_picks[index].Index);

    /// <summary>The picking model's score of the item at <paramref name="index"/>.</summary>
    public double Score(int index) => Source(index).Score(_picks[index].Index);

    /// <summary>
    /// The picking model's outputs of the item at <paramref name="index"/>, in the order of <paramref name="tasks"/>;
    /// NaN for a task that model does not have.
    /// </summary>
    public float[] Predictions(int index, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var source = Source(index);
        var own = source.Predictions(_picks[index].Index);
        var predictions = new float[tasks.Count];
        for (var t = 0; t < tasks.Count; t++)
        {
            var at = IndexOf(source.TaskNames, tasks[t]);
            predictions[t] = at < 0 ? float.NaN : own[at];
        }

        return predictions;
    }

    public IEnumerator<ScoredItem> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private RankedItems Source(int index) => _picks[index].Team == Team.Control ? _control : _treatment;

    private static Dictionary<int, int> IndexByRow(RankedItems ranking)
    {
        var byRow = new Dictionary<int, int>(ranking.Count);
        for (var i = 0; i < ranking.Count; i++)
        {
            byRow[ranking.Row(i)] = i;
        }

        return byRow;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
        {
            if (names[i] == name)
            {
                return i;
            }
        }

        return -1;
    }
}
