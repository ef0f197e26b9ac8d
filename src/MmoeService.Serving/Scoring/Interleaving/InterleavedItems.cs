using System.Collections;

namespace MmoeService.Serving.Scoring.Interleaving;

/// <summary>
/// The answer of an interleaved request: the team-draft picks over the two arms' full rankings. Each answer slot is
/// the picking team's own item (that model's outputs, score and gates, read from its <see cref="RankedItems"/>),
/// tagged with the team's arm through the <c>team</c> <see cref="ItemField"/>; nothing is copied per candidate.
/// Immutable once built.
/// </summary>
public sealed class InterleavedItems : IAnswerItems
{
    /// <summary>The per-item field that names the arm whose model placed the item.</summary>
    public const string TeamField = "team";

    private readonly RankedItems _control;
    private readonly RankedItems _treatment;
    private readonly string _controlArm;
    private readonly string _treatmentArm;
    private readonly Team[] _teams;
    private readonly int[] _indexes;

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
        _teams = new Team[picks.Count];
        _indexes = new int[picks.Count];
        var arms = new string[picks.Count];
        for (var i = 0; i < picks.Count; i++)
        {
            var (row, team) = picks[i];
            _teams[i] = team;
            _indexes[i] = team == Team.Control ? controlIndex[row] : treatmentIndex[row];
            arms[i] = team == Team.Control ? controlArm : treatmentArm;
        }

        Fields = [new ItemField(TeamField, arms)];
    }

    public int Count => _teams.Length;

    public ScoredItem this[int index] => Source(index)[_indexes[index]] with { Team = ArmOf(index) };

    /// <summary>The <c>team</c> of every item: the arm names by answer slot.</summary>
    public IReadOnlyList<ItemField> Fields { get; }

    public void Release()
    {
        _control.Release();
        _treatment.Release();
    }

    public RankedItems SourceOf(int index, out int sourceIndex)
    {
        sourceIndex = _indexes[index];
        return Source(index);
    }

    /// <summary>The team that placed the item at <paramref name="index"/>.</summary>
    public Team TeamOf(int index) => _teams[index];

    /// <summary>The arm name that tags the item at <paramref name="index"/>.</summary>
    public string ArmOf(int index) => _teams[index] == Team.Control ? _controlArm : _treatmentArm;

    /// <summary>The request row (candidate position) of the item at <paramref name="index"/>.</summary>
    public int Row(int index) => Source(index).Row(_indexes[index]);

    public string ItemId(int index) => Source(index).ItemId(_indexes[index]);

    /// <summary>The picking model's score of the item at <paramref name="index"/>.</summary>
    public double Score(int index) => Source(index).Score(_indexes[index]);

    /// <summary>
    /// The picking model's outputs of the item at <paramref name="index"/>, in the order of <paramref name="tasks"/>;
    /// NaN for a task that model does not have.
    /// </summary>
    public float[] Predictions(int index, IReadOnlyList<string> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var source = Source(index);
        var at = _indexes[index];
        var predictions = new float[tasks.Count];
        for (var t = 0; t < tasks.Count; t++)
        {
            var task = IndexOf(source.TaskNames, tasks[t]);
            predictions[t] = task < 0 ? float.NaN : source.Output(at, task);
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

    private RankedItems Source(int index) => _teams[index] == Team.Control ? _control : _treatment;

    /// <summary>Per request row, its index in <paramref name="ranking"/> (a full ranking holds every row once).</summary>
    private static int[] IndexByRow(RankedItems ranking)
    {
        var byRow = new int[ranking.Result.Rows];
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
