import ArgumentParser
import EEG

/// `one-neuron eeg`: prepare the EEG images and fetch the recordings.
struct EEGCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eeg", abstract: "EEG data: fetch the recordings, prepare the images.")
}
