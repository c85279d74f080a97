export default definePageConfig({
  // Nothing on this screen names the federation or a request: it is where the quick-exit control leads.
  navigationBarTitleText: '生活小贴士',
  navigationBarBackgroundColor: '#ffffff',
  navigationBarTextStyle: 'black',
});
