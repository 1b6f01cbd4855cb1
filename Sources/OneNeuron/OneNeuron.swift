// The OneNeuron library: one import for everything.
@_exported import Diagnostics
@_exported import Backend
@_exported import Bench
@_exported import Document
@_exported import EEG
@_exported import Experiment
@_exported import GAN
@_exported import IO
@_exported import Keras
@_exported import NN
@_exported import Neuron
@_exported import Plot
@_exported import Report
@_exported import Results
@_exported import Stats
@_exported import Tensor
@_exported import Training
