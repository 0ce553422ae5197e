/**
 * Every alarm of the stacks has one shape: "this many or more in one period", and no data is no trouble (a metric that
 * is not emitted means nothing happened; a function that did not run has its own Errors alarm). One place for it, so
 * an alarm reads as what it watches and when it fires.
 */
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { Construct } from 'constructs';

export interface ThresholdAlarmProps {
  /** What it means and what to do, for the person the alarm wakes (README "Operations (runbook)"). */
  description: string;
  metric: IMetric;
  /** Fires at this value or above, in one evaluation period. */
  threshold: number;
}

export function thresholdAlarm(scope: Construct, id: string, { description, metric, threshold }: ThresholdAlarmProps): Alarm {
  return new Alarm(scope, id, {
    alarmDescription: description,
    metric,
    threshold,
    evaluationPeriods: 1,
    comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    treatMissingData: TreatMissingData.NOT_BREACHING,
  });
}
