import Plot
import Results
import Stats

/// The four figures of an experiment report, built from loaded results.
struct ReportFigures {
    let results: ExperimentResults

    /// The run the single-run figures show: the first run with both arms completed, else the
    /// first run with any epoch records. Also says why, when the fallback was needed.
    func representativeRun() -> (run: Int?, note: String?) {
        let completed = results.runIndices.first { run in
            Arm.allCases.allSatisfy { results.runRecord(run: run, arm: $0)?.status == .completed }
        }
        if let completed { return (completed, nil) }
        if let any = results.epochs.map(\.run).min() {
            return (any, "No run has both arms completed; the single-run figures show run \(any), which did not complete in both arms.")
        }
        return (nil, "There are no epoch records, so the single-run figures are empty.")
    }

    private func seedText(_ run: Int?) -> String {
        guard let run, let seed = results.epochs.first(where: { $0.run == run })?.seed else { return "" }
        return " (seed \(seed))"
    }

    private func epochAxis() -> Axis { Axis(title: "epoch", integerTicks: true) }

    private func lines(run: Int?, value: (EpochRecord) -> Double?) -> [Series] {
        guard let run else { return [] }
        return [Arm.plain, Arm.augmented].map { arm in
            let records = results.epochs(run: run, arm: arm)
            return .line(LineSeries(label: arm.displayName, color: arm.color, x: records.map { Double($0.epoch) }, y: records.map(value)))
        }
    }

    /// (a) Validation accuracy per epoch of one run, both arms.
    func validationAccuracyOfOneRun(run: Int?) -> Figure {
        Figure(
            title: "Validation accuracy per epoch, run \(run.map(String.init) ?? "-")\(seedText(run))", xAxis: epochAxis(),
            panels: [
                Panel(yAxis: Axis(title: "validation accuracy", unit: "fraction"), series: lines(run: run, value: \.valAccuracy))
            ])
    }

    /// (b) Mean and 90% Student-t band per epoch across completed runs, both arms; the band is clipped
    /// to [0, 1] (an accuracy's range; with few runs the t-interval can run past it), with a note.
    func validationAccuracyBands(level: Double = 0.9) -> (figure: Figure, notes: [String]) {
        var series: [Series] = []
        var notes: [String] = []
        for arm in [Arm.plain, Arm.augmented] {
            let runs = Set(results.runs.filter { $0.arm == arm && $0.status == .completed }.map(\.run))
            let records = results.epochs.filter { $0.arm == arm && runs.contains($0.run) }
            let epochNumbers = Array(Set(records.map(\.epoch))).sorted()
            var means: [Double?] = [], lowers: [Double?] = [], uppers: [Double?] = []
            var clipped = false
            for epoch in epochNumbers {
                let values = records.filter { $0.epoch == epoch }.compactMap(\.valAccuracy)
                means.append(values.isEmpty ? nil : Stats.mean(values))
                if values.count >= 2, let interval = try? studentTInterval(values, level: level) {
                    clipped = clipped || interval.lower < 0 || interval.upper > 1
                    lowers.append(max(0, interval.lower))
                    uppers.append(min(1, interval.upper))
                } else {
                    lowers.append(nil)
                    uppers.append(nil)
                }
            }
            if clipped {
                notes.append(
                    "Figure (b): at some epochs the \(Int((level * 100).rounded()))% t-interval of \(arm.displayName) runs past 0 or 1, which an accuracy cannot; its band is drawn clipped to [0, 1]."
                )
            }
            if runs.isEmpty {
                notes.append("Figure (b): \(arm.displayName) has no completed run, so it has no curve.")
            } else if runs.count < 2 {
                notes.append(
                    "Figure (b): \(arm.displayName) has \(runs.count) completed run(s); a confidence band needs at least 2, so only the mean line is drawn.")
            }
            let label = "\(arm.displayName): mean, \(Int((level * 100).rounded()))% t-interval (n=\(runs.count))"
            series.append(.band(BandSeries(label: label, color: arm.color, x: epochNumbers.map(Double.init), mean: means, lower: lowers, upper: uppers)))
        }
        let figure = Figure(
            title: "Validation accuracy across completed runs: mean and \(Int((level * 100).rounded()))% band", xAxis: epochAxis(),
            panels: [
                Panel(yAxis: Axis(title: "validation accuracy", unit: "fraction"), series: series)
            ])
        return (figure, notes)
    }

    /// How many neurons figure (c) draws for `run`: K when its augmented records carry one neuron
    /// per output unit (`neurons`), else 1.
    func scaleNeuronCount(run: Int?) -> Int {
        guard let run else { return 1 }
        return max(OutputNeurons.count(results.epochs(run: run, arm: .augmented)), 1)
    }

    /// (c) The scale `a` (augmented arm) over validation loss and validation accuracy, shared x axis;
    /// with one neuron per output unit, every a_k as a thin line of its own.
    func scaleLossAccuracy(run: Int?) -> Figure {
        let scale: [Series]
        let neurons = scaleNeuronCount(run: run)
        if let run {
            let records = results.epochs(run: run, arm: .augmented)
            let epochs = records.map { Double($0.epoch) }
            if neurons > 1 {
                let label = "a_k, k = 1..\(neurons) (with neuron)"
                scale = OutputNeurons.scales(records).map { .line(LineSeries(label: label, color: Arm.augmented.color, x: epochs, y: $0, width: 1)) }
            } else {
                scale = [.line(LineSeries(label: "scale a (with neuron)", color: Arm.augmented.color, x: epochs, y: records.map(\.a)))]
            }
        } else {
            scale = []
        }
        let name = neurons > 1 ? "Scales a_k" : "Scale a"
        return Figure(
            title: "\(name), validation loss and validation accuracy, run \(run.map(String.init) ?? "-")\(seedText(run))", xAxis: epochAxis(),
            panels: [
                Panel(yAxis: Axis(title: neurons > 1 ? "scale a_k" : "scale a"), series: scale),
                Panel(yAxis: Axis(title: "validation loss"), series: lines(run: run, value: \.valLoss)),
                Panel(yAxis: Axis(title: "validation accuracy", unit: "fraction"), series: lines(run: run, value: \.valAccuracy))
            ], height: 760)
    }

    /// (d) Each completed run's best validation accuracy as dots per arm, with the mean marked.
    func bestValidationAccuracyDots() -> Figure {
        let arms = [Arm.plain, Arm.augmented]
        let series: [Series] = arms.enumerated().map { index, arm in
            let values = results.runs.filter { $0.arm == arm && $0.status == .completed }.compactMap(\.bestValAccuracy)
            return .dots(DotSeries(label: "\(arm.displayName) (n=\(values.count))", color: arm.color, category: index, values: values))
        }
        return Figure(
            title: "Best validation accuracy of each completed run", xAxis: Axis(title: "arm", categories: arms.map(\.displayName)),
            panels: [
                Panel(yAxis: Axis(title: "best validation accuracy", unit: "fraction"), series: series)
            ], width: 600, height: 460)
    }
}
