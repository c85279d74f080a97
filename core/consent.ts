/**
 * The separate consent for sensitive personal data (DESIGN.md §5). The version is stored with every request, so
 * which words she agreed to is known even after the text changes. Change the version whenever the text changes.
 */
export const SENSITIVE_DATA_CONSENT = {
  version: '2026-11-v1',
  title: '敏感个人信息处理同意',
  text:
    '您描述的事情可能涉及健康、婚姻家庭、人身安全等敏感个人信息。为了帮助您，这些信息只会由本联系点负责处理的成员和执委查看，' +
    '用于联系和帮助您，不会公开，也不会用于其他用途；办结一段时间后会去除能识别您的信息。您可以随时撤回诉求。',
} as const;
