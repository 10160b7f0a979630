#!/bin/bash
# LocalStack "ready" hook (mounted into /etc/localstack/init/ready.d/): creates the DailyFlow queue
# and its dead-letter queue, with a RedrivePolicy that moves a message there after
# DAILYFLOW_SQS_MAX_RECEIVES receives (the consumer's sqs.max-receives, default 5).
#
# Idempotent: on LocalStack, create-queue of an existing queue returns it (when no attribute or the
# same attributes are given), so a restart, this script again, or the original README's
#   aws --endpoint-url=http://localhost:4566 sqs create-queue --queue-name testQueue
# all leave the queues as they are. The services also create the queues if they are missing
# (sqs.create-queue, default true), so nothing depends on the order.
set -euo pipefail

queue="${DAILYFLOW_SQS_QUEUE_NAME:-testQueue}"
dlq="${queue}-dlq"
max_receives="${DAILYFLOW_SQS_MAX_RECEIVES:-5}"

echo "dailyflow: creating SQS queues ${queue} and ${dlq} (maxReceiveCount ${max_receives})"

dlq_url="$(awslocal sqs create-queue --queue-name "${dlq}" --query QueueUrl --output text)"
dlq_arn="$(awslocal sqs get-queue-attributes --queue-url "${dlq_url}" \
  --attribute-names QueueArn --query Attributes.QueueArn --output text)"

if queue_url="$(awslocal sqs get-queue-url --queue-name "${queue}" --query QueueUrl --output text 2>/dev/null)"; then
  echo "dailyflow: queue ${queue_url} already exists; left as it is"
  exit 0
fi

# Same RedrivePolicy text as the services write (SqsClients), so either may create the queue.
attributes="$(mktemp)"
trap 'rm -f "${attributes}"' EXIT
printf '{"RedrivePolicy": "{\\"maxReceiveCount\\":\\"%s\\",\\"deadLetterTargetArn\\":\\"%s\\"}"}\n' \
  "${max_receives}" "${dlq_arn}" > "${attributes}"

queue_url="$(awslocal sqs create-queue --queue-name "${queue}" \
  --attributes "file://${attributes}" --query QueueUrl --output text)"

echo "dailyflow: queue ${queue_url} -> dead-letter queue ${dlq_arn}"
