// Face of lib/calibrate: per-latent maps from raw simulator predictions to activations (§2.1, App. B).
export {
  allZeroLiveLatents,
  calibrateRawPrediction,
  calibrationLatentCount,
  describeCalibration,
  unfittedLatentCount,
  type CalibrationDescriptor,
  type CalibrationMode,
  type CalibrationSet,
  type CalibrationTargetKind,
  type LatentQuantileNormalizer,
  type LinearCalibrationSet,
  type QuantileCalibrationSet,
} from "./calibration-set";
export { fitQuantileCalibration, type CalibrationTarget, type QuantileCalibrationOptions } from "./fit-quantile-calibration";
export { fitLinearCalibration } from "./linear-calibration";
export { predictedActivations, type PredictedActivations } from "./predicted-activations";
export { activationsAfterTopK } from "./activations-after-topk";
export { rawPredictionsFromOutcomes, type RawPredictionColumn } from "./raw-predictions";
export { calibrationSampleSizeStudy, type SampleSizeStudyInputs, type SampleSizeStudyRow } from "./sample-size-study";
