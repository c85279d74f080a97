export default definePageConfig({
  navigationBarTitleText: '联系点',
  enableShareAppMessage: true,
  enableShareTimeline: true,
});
