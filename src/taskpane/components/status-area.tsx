import { Button, MessageBar, MessageBarBody, ProgressBar, Text } from "@fluentui/react-components";
import type { Notice } from "./use-task";

export function StatusArea(props: { busy: string | null; notice: Notice | null; onCancel?: () => void; progress?: number }) {
  return (
    <div className="status-area" aria-live="polite">
      {props.busy && (
        <div className="busy">
          <Text>{props.busy}</Text>
          <ProgressBar value={props.progress} thickness="large" aria-label={props.busy} />
          {props.onCancel && (
            <Button size="small" onClick={props.onCancel}>
              Cancel
            </Button>
          )}
        </div>
      )}
      {props.notice && (
        <MessageBar intent={props.notice.intent} role={props.notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{props.notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
