export default definePageConfig({
  navigationBarTitleText: '执委联系点',
  enableShareAppMessage: true,
});
